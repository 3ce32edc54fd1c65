;; The lookup prefilter's scan of one region of whole lines (src/ingest/lookup-scan.ts explains
;; why and how it is used; this is its source, compiled by `npm run build:wasm` into
;; lookup-scan-wasm.ts). One pass, 16 bytes at a time, finds every newline and every place of each
;; needle's anchor — two bytes of it, compared with the fold mask below, chosen where the input
;; has them least often — and writes out the lines a lookup must read:
;;
;; - a line holding a needle: its bytes from the anchor's offset back compared with the needle's,
;;   each byte OR-ed first with the needle's fold mask (0x20 at a letter of a needle in any case,
;;   0 elsewhere), so `Kazuki@ICLOUD.com` is `kazuki@icloud.com`;
;; - a line that may open a value spanning lines: it ends in `[ { , : =` before spaces, tabs and
;;   carriage returns.
;;
;; Most newlines end a line in `}`: a table lookup of the byte before each tells them apart
;; before the line's end is walked back.
;;
;; Memory (one page is 64 KiB; the JS side writes the configuration and reads the lines):
;;   0          i32 number of needles K (1..4)
;;   16 + 16k   needle k: i32 anchor offset in the needle, i32 length, i32 address of its bytes
;;              (length bytes, then its fold mask, length bytes), then the anchor: u8 first byte,
;;              u8 its fold mask, u8 second byte, u8 its fold mask (0xff, 0xff when the anchor is
;;              the needle's last byte alone: any byte passes)
;;   2304       256 bytes, a class for each byte at a line's end: 1 a blank (space, tab, CR),
;;              2 an opener (`[ { , : =`), 0 anything else (a data segment)
;;   4096       the lines found: pairs of i32 (line start address, line index in the region)
;;   OUT_END    65536 + 4096: room for 8192 lines; one more makes the scan return -1
;;   the region: anywhere after, with 16 readable bytes after its end (a block is read whole,
;;              and the block one byte on: from the last byte, up to 15 past the end)
(module
  (memory (export "memory") 20)
  (global $found (export "found") (mut i32) (i32.const 0))
  ;; What a byte may be at a line's end: 1 a blank (space, tab, CR), 2 an opener (`[ { , : =`).
  (data (i32.const 2304) "\00\00\00\00\00\00\00\00\00\01\00\00\00\01\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\01\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\00\00\00\00\00\00\00\00\00\00\02\00\00\02\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00")

  ;; Does the line that ends at $e end in an opener, trailing blanks aside? The walk back stops at
  ;; the byte before the line (a newline is neither) or at the region's start.
  (func $opens (param $e i32) (param $base i32) (result i32)
    (local $j i32) (local $class i32)
    (local.set $j (i32.sub (local.get $e) (i32.const 1)))
    (loop $back
      (if (i32.lt_s (local.get $j) (local.get $base)) (then (return (i32.const 0))))
      (local.set $class (i32.load8_u offset=2304 (i32.load8_u (local.get $j))))
      (if (i32.eq (local.get $class) (i32.const 1))
        (then
          (local.set $j (i32.sub (local.get $j) (i32.const 1)))
          (br $back))))
    (i32.eq (local.get $class) (i32.const 2)))

  ;; Writes out the line starting at $s (index $line), once. 0 when there is no room left.
  (func $record (param $s i32) (param $line i32) (result i32)
    (local $f i32) (local $at i32)
    (local.set $f (global.get $found))
    (if (i32.gt_s (local.get $f) (i32.const 0))
      (then
        (if (i32.eq (i32.load (i32.add (i32.const 4088) (i32.shl (local.get $f) (i32.const 3)))) (local.get $s))
          (then (return (i32.const 1))))))
    (if (i32.ge_u (local.get $f) (i32.const 8192)) (then (return (i32.const 0))))
    (local.set $at (i32.add (i32.const 4096) (i32.shl (local.get $f) (i32.const 3))))
    (i32.store (local.get $at) (local.get $s))
    (i32.store offset=4 (local.get $at) (local.get $line))
    (global.set $found (i32.add (local.get $f) (i32.const 1)))
    (i32.const 1))

  ;; Is needle $k at the place its anchor at $p gives, inside [$base, $limit)?
  (func $matches (param $k i32) (param $p i32) (param $base i32) (param $limit i32) (result i32)
    (local $h i32) (local $q i32) (local $len i32) (local $bytes i32) (local $i i32)
    (local.set $h (i32.add (i32.const 16) (i32.shl (local.get $k) (i32.const 4))))
    (local.set $q (i32.sub (local.get $p) (i32.load (local.get $h))))
    (local.set $len (i32.load offset=4 (local.get $h)))
    (local.set $bytes (i32.load offset=8 (local.get $h)))
    (if (i32.lt_s (local.get $q) (local.get $base)) (then (return (i32.const 0))))
    (if (i32.gt_s (i32.add (local.get $q) (local.get $len)) (local.get $limit)) (then (return (i32.const 0))))
    (loop $cmp
      (if (i32.ge_u (local.get $i) (local.get $len)) (then (return (i32.const 1))))
      (if (i32.ne
            (i32.or (i32.load8_u (i32.add (local.get $q) (local.get $i)))
                    (i32.load8_u (i32.add (i32.add (local.get $bytes) (local.get $len)) (local.get $i))))
            (i32.load8_u (i32.add (local.get $bytes) (local.get $i))))
        (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $cmp))
    (i32.const 0))

  ;; Is needle $k's anchor at $pos (one byte at a time)?
  (func $anchorAt (param $k i32) (param $pos i32) (result i32)
    (local $h i32)
    (local.set $h (i32.add (i32.const 28) (i32.shl (local.get $k) (i32.const 4))))
    (i32.and
      (i32.eq (i32.or (i32.load8_u (local.get $pos)) (i32.load8_u offset=1 (local.get $h))) (i32.load8_u (local.get $h)))
      (i32.eq (i32.or (i32.load8_u offset=1 (local.get $pos)) (i32.load8_u offset=3 (local.get $h))) (i32.load8_u offset=2 (local.get $h)))))

  ;; Scans the region [$base, $base + $n). Returns its number of lines (a last line without its
  ;; newline counts), or -1 when more lines were found than there is room for; `found` holds how
  ;; many were written out.
  (func (export "scan") (param $base i32) (param $n i32) (result i32)
    (local $p i32) (local $limit i32) (local $m i32) (local $pos i32)
    (local $lineStart i32) (local $line i32) (local $lastLine i32) (local $k i32) (local $count i32)
    (local $v v128) (local $next v128) (local $hit v128)
    (local $b00 v128) (local $f00 v128) (local $b01 v128) (local $f01 v128)
    (local $b10 v128) (local $f10 v128) (local $b11 v128) (local $f11 v128)
    (local $b20 v128) (local $f20 v128) (local $b21 v128) (local $f21 v128)
    (local $b30 v128) (local $f30 v128) (local $b31 v128) (local $f31 v128)
    (global.set $found (i32.const 0))
    ;; Each needle's anchor, 16 times over: its two bytes and their fold masks.
    (local.set $b00 (i8x16.splat (i32.load8_u (i32.const 28))))
    (local.set $f00 (i8x16.splat (i32.load8_u (i32.const 29))))
    (local.set $b01 (i8x16.splat (i32.load8_u (i32.const 30))))
    (local.set $f01 (i8x16.splat (i32.load8_u (i32.const 31))))
    (local.set $b10 (i8x16.splat (i32.load8_u (i32.const 44))))
    (local.set $f10 (i8x16.splat (i32.load8_u (i32.const 45))))
    (local.set $b11 (i8x16.splat (i32.load8_u (i32.const 46))))
    (local.set $f11 (i8x16.splat (i32.load8_u (i32.const 47))))
    (local.set $b20 (i8x16.splat (i32.load8_u (i32.const 60))))
    (local.set $f20 (i8x16.splat (i32.load8_u (i32.const 61))))
    (local.set $b21 (i8x16.splat (i32.load8_u (i32.const 62))))
    (local.set $f21 (i8x16.splat (i32.load8_u (i32.const 63))))
    (local.set $b30 (i8x16.splat (i32.load8_u (i32.const 76))))
    (local.set $f30 (i8x16.splat (i32.load8_u (i32.const 77))))
    (local.set $b31 (i8x16.splat (i32.load8_u (i32.const 78))))
    (local.set $f31 (i8x16.splat (i32.load8_u (i32.const 79))))
    (local.set $count (i32.load (i32.const 0)))
    (local.set $limit (i32.add (local.get $base) (local.get $n)))
    (local.set $lineStart (local.get $base))
    (local.set $lastLine (i32.const -1))
    (local.set $p (local.get $base))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $p) (local.get $limit)))
        ;; The block's newlines and anchors (of the needles there are).
        (local.set $v (v128.load (local.get $p)))
        (local.set $next (v128.load offset=1 (local.get $p)))
        (local.set $hit
          (v128.or
            (i8x16.eq (local.get $v) (i8x16.splat (i32.const 10)))
            (v128.and
              (i8x16.eq (v128.or (local.get $v) (local.get $f00)) (local.get $b00))
              (i8x16.eq (v128.or (local.get $next) (local.get $f01)) (local.get $b01)))))
        (if (i32.gt_u (local.get $count) (i32.const 1))
          (then
            (local.set $hit
              (v128.or (local.get $hit)
                (v128.and
                  (i8x16.eq (v128.or (local.get $v) (local.get $f10)) (local.get $b10))
                  (i8x16.eq (v128.or (local.get $next) (local.get $f11)) (local.get $b11)))))))
        (if (i32.gt_u (local.get $count) (i32.const 2))
          (then
            (local.set $hit
              (v128.or (local.get $hit)
                (v128.and
                  (i8x16.eq (v128.or (local.get $v) (local.get $f20)) (local.get $b20))
                  (i8x16.eq (v128.or (local.get $next) (local.get $f21)) (local.get $b21)))))))
        (if (i32.gt_u (local.get $count) (i32.const 3))
          (then
            (local.set $hit
              (v128.or (local.get $hit)
                (v128.and
                  (i8x16.eq (v128.or (local.get $v) (local.get $f30)) (local.get $b30))
                  (i8x16.eq (v128.or (local.get $next) (local.get $f31)) (local.get $b31)))))))
        (local.set $m (i8x16.bitmask (local.get $hit)))
        ;; The last block: only the bytes before the limit.
        (if (i32.lt_u (i32.sub (local.get $limit) (local.get $p)) (i32.const 16))
          (then
            (local.set $m
              (i32.and (local.get $m)
                       (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $limit) (local.get $p))) (i32.const 1))))))
        (block $bits
          (loop $bit
            (br_if $bits (i32.eqz (local.get $m)))
            (local.set $pos (i32.add (local.get $p) (i32.ctz (local.get $m))))
            (local.set $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))
            (if (i32.eq (i32.load8_u (local.get $pos)) (i32.const 10))
              (then
                ;; After `}` (most lines) the table says no at once.
                (if (i32.and (i32.gt_u (local.get $pos) (local.get $base))
                             (i32.ne (i32.load8_u offset=2304 (i32.load8_u offset=0 (i32.sub (local.get $pos) (i32.const 1))))
                                     (i32.const 0)))
                  (then
                    (if (call $opens (local.get $pos) (local.get $base))
                      (then
                        (if (i32.eqz (call $record (local.get $lineStart) (local.get $line)))
                          (then (return (i32.const -1))))))))
                (local.set $line (i32.add (local.get $line) (i32.const 1)))
                (local.set $lineStart (i32.add (local.get $pos) (i32.const 1))))
              (else
                ;; An anchor (no needle holds a newline), on a line not listed yet: which needle's,
                ;; then the whole needle.
                (if (i32.ne (local.get $line) (local.get $lastLine))
                  (then
                    (local.set $k (i32.const 0))
                    (block $needles
                      (loop $needle
                        (br_if $needles (i32.ge_u (local.get $k) (local.get $count)))
                        (if (call $anchorAt (local.get $k) (local.get $pos))
                          (then
                            (if (call $matches (local.get $k) (local.get $pos) (local.get $base) (local.get $limit))
                              (then
                                (if (i32.eqz (call $record (local.get $lineStart) (local.get $line)))
                                  (then (return (i32.const -1))))
                                (local.set $lastLine (local.get $line))
                                (br $needles)))))
                        (local.set $k (i32.add (local.get $k) (i32.const 1)))
                        (br $needle)))))))
            (br $bit)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $block)))
    ;; A last line without its newline.
    (if (i32.lt_u (local.get $lineStart) (local.get $limit))
      (then
        (if (call $opens (local.get $limit) (local.get $base))
          (then
            (if (i32.eqz (call $record (local.get $lineStart) (local.get $line)))
              (then (return (i32.const -1))))))
        (local.set $line (i32.add (local.get $line) (i32.const 1)))))
    (local.get $line)))
