/** What following a file has to say about it (each said once on stderr, in the run's language). */
export type FollowNews = 'waiting' | 'appeared' | 'rotated' | 'truncated';
