;; FlatObject.read in WebAssembly (see flat-object.ts and flat-object-wasm-reader.ts): reads one
;; line — one JSON object, or an array of objects — where it lies in this module's memory, notes
;; where the fields grouping reads lie, and accepts exactly what FlatObject's JavaScript reader
;; accepts. Strings are scanned 16 bytes at a time.
;;
;; Memory (set up by flat-object-wasm-reader.ts; positions written are relative to `$base`):
;;   0      name table: 128 signed bytes, a field's number by nameSlot(length, first, last), -1 empty
;;   128    each field's name length (one byte per field)
;;   256    each field's name, 32 bytes per field
;;   4096   kind of each (object, field) slot: MAX_OBJECTS x fields bytes
;;   16384  start of each slot's value (i32)
;;   40960  end of each slot's value (i32)
;;   65536  each object's start (i32), then from 66560 each object's end (i32)
;;   131072 the reads (a lent buffer), with 16 bytes after them for the last block
(module
  (memory (export "memory") 5)

  (global $fields (mut i32) (i32.const 0))
  (global $category (mut i32) (i32.const -1))
  (global $base (mut i32) (i32.const 0))
  ;; Of the string scanned last: written without escapes, in ASCII.
  (global $plain (mut i32) (i32.const 1))
  ;; Of the list scanned last: its strings were all plain.
  (global $listPlain (mut i32) (i32.const 1))
  (global $isArray (export "isArray") (mut i32) (i32.const 0))

  (global $NAMES i32 (i32.const 256))
  (global $LENGTHS i32 (i32.const 128))
  (global $KIND i32 (i32.const 4096))
  (global $START i32 (i32.const 16384))
  (global $END i32 (i32.const 40960))
  (global $OBJECT_START i32 (i32.const 65536))
  (global $OBJECT_END i32 (i32.const 66560))
  ;; Objects one line may hold here; a longer array is left to the JavaScript reader.
  (global $MAX_OBJECTS i32 (i32.const 256))
  (global $MAX_NESTING i32 (i32.const 16))

  ;; The value kinds of flat-object.ts.
  (global $NULL i32 (i32.const 1))
  (global $TRUE i32 (i32.const 2))
  (global $FALSE i32 (i32.const 3))
  (global $NUMBER i32 (i32.const 4))
  (global $PLAIN i32 (i32.const 5))
  (global $STRING i32 (i32.const 6))
  (global $LIST i32 (i32.const 7))
  (global $NESTED i32 (i32.const 8))

  ;; How many fields an object has slots for, and which one is read as a list (categories).
  (func (export "configure") (param $fields i32) (param $category i32)
    (global.set $fields (local.get $fields))
    (global.set $category (local.get $category)))

  (func $blanks (param $i i32) (param $end i32) (result i32)
    (local $c i32)
    (block $out
      (loop $next
        (br_if $out (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $i)))
        (br_if $out (i32.and (i32.and (i32.ne (local.get $c) (i32.const 32)) (i32.ne (local.get $c) (i32.const 9)))
                             (i32.ne (local.get $c) (i32.const 13))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $i))

  (func $isDigit (param $c i32) (result i32)
    (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10)))

  (func $isHex (param $c i32) (result i32)
    (i32.or (call $isDigit (local.get $c))
            (i32.lt_u (i32.sub (i32.or (local.get $c) (i32.const 32)) (i32.const 97)) (i32.const 6))))

  ;; The digits from $i; the index after them.
  (func $digits (param $i i32) (param $end i32) (result i32)
    (block $out
      (loop $next
        (br_if $out (i32.ge_u (local.get $i) (local.get $end)))
        (br_if $out (i32.eqz (call $isDigit (i32.load8_u (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $i))

  ;; A string from just after its quote: the index of its closing quote, or -1. Sets $plain.
  (func $string (param $i i32) (param $end i32) (result i32)
    (local $v v128) (local $stops i32) (local $high i32) (local $at i32) (local $c i32) (local $e i32)
    (global.set $plain (i32.const 1))
    (loop $next
      (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
      (local.set $v (v128.load (local.get $i)))
      (local.set $stops
        (i8x16.bitmask
          (v128.or
            (v128.or (i8x16.eq (local.get $v) (i8x16.splat (i32.const 34))) (i8x16.eq (local.get $v) (i8x16.splat (i32.const 92))))
            (i8x16.lt_u (local.get $v) (i8x16.splat (i32.const 32))))))
      ;; Bytes from 0x80 on: outside ASCII.
      (local.set $high (i8x16.bitmask (local.get $v)))
      (if (i32.eqz (local.get $stops))
        (then
          (if (local.get $high) (then (global.set $plain (i32.const 0))))
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br $next)))
      (local.set $at (i32.ctz (local.get $stops)))
      (if (i32.and (local.get $high) (i32.sub (i32.shl (i32.const 1) (local.get $at)) (i32.const 1)))
        (then (global.set $plain (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (local.get $at)))
      (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
      (local.set $c (i32.load8_u (local.get $i)))
      (if (i32.eq (local.get $c) (i32.const 34)) (then (return (local.get $i))))
      ;; Below a space: a control character, or the newline that ends the line.
      (if (i32.lt_u (local.get $c) (i32.const 32)) (then (return (i32.const -1))))
      ;; A backslash: an escape makes the string not plain.
      (global.set $plain (i32.const 0))
      (if (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $end)) (then (return (i32.const -1))))
      (local.set $e (i32.load8_u offset=1 (local.get $i)))
      (if (i32.eq (local.get $e) (i32.const 117))
        (then
          (if (i32.ge_u (i32.add (local.get $i) (i32.const 5)) (local.get $end)) (then (return (i32.const -1))))
          (if (i32.eqz
                (i32.and
                  (i32.and (call $isHex (i32.load8_u offset=2 (local.get $i))) (call $isHex (i32.load8_u offset=3 (local.get $i))))
                  (i32.and (call $isHex (i32.load8_u offset=4 (local.get $i))) (call $isHex (i32.load8_u offset=5 (local.get $i))))))
            (then (return (i32.const -1))))
          (local.set $i (i32.add (local.get $i) (i32.const 6)))
          (br $next)))
      ;; " \ / b f n r t
      (if (i32.or
            (i32.or (i32.or (i32.eq (local.get $e) (i32.const 34)) (i32.eq (local.get $e) (i32.const 92)))
                    (i32.or (i32.eq (local.get $e) (i32.const 47)) (i32.eq (local.get $e) (i32.const 98))))
            (i32.or (i32.or (i32.eq (local.get $e) (i32.const 102)) (i32.eq (local.get $e) (i32.const 110)))
                    (i32.or (i32.eq (local.get $e) (i32.const 114)) (i32.eq (local.get $e) (i32.const 116)))))
        (then
          (local.set $i (i32.add (local.get $i) (i32.const 2)))
          (br $next)))
      (return (i32.const -1)))
    (i32.const -1))

  ;; A JSON number from $i: the index after it, or -1.
  (func $number (param $i i32) (param $end i32) (result i32)
    (local $c i32)
    (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 45)) (then (local.set $i (i32.add (local.get $i) (i32.const 1)))))
    (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
    (local.set $c (i32.load8_u (local.get $i)))
    (if (i32.eq (local.get $c) (i32.const 48))
      (then (local.set $i (i32.add (local.get $i) (i32.const 1))))
      (else
        (if (i32.eqz (call $isDigit (local.get $c))) (then (return (i32.const -1))))
        (local.set $i (call $digits (local.get $i) (local.get $end)))))
    (if (i32.lt_u (local.get $i) (local.get $end))
      (then
        (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 46))
          (then
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
            (if (i32.eqz (call $isDigit (i32.load8_u (local.get $i)))) (then (return (i32.const -1))))
            (local.set $i (call $digits (local.get $i) (local.get $end)))))))
    (if (i32.lt_u (local.get $i) (local.get $end))
      (then
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 101)) (i32.eq (local.get $c) (i32.const 69)))
          (then
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (if (i32.lt_u (local.get $i) (local.get $end))
              (then
                (local.set $c (i32.load8_u (local.get $i)))
                (if (i32.or (i32.eq (local.get $c) (i32.const 43)) (i32.eq (local.get $c) (i32.const 45)))
                  (then (local.set $i (i32.add (local.get $i) (i32.const 1)))))))
            (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
            (if (i32.eqz (call $isDigit (i32.load8_u (local.get $i)))) (then (return (i32.const -1))))
            (local.set $i (call $digits (local.get $i) (local.get $end)))))))
    (local.get $i))

  ;; TRUE, FALSE or NULL for the literal at $i, or -1.
  (func $literal (param $i i32) (param $end i32) (result i32)
    (local $word i32)
    (if (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $end)) (then (return (i32.const -1))))
    (local.set $word (i32.load (local.get $i)))
    ;; "true", "null", "fals" read as little-endian words.
    (if (i32.eq (local.get $word) (i32.const 0x65757274)) (then (return (global.get $TRUE))))
    (if (i32.eq (local.get $word) (i32.const 0x6c6c756e)) (then (return (global.get $NULL))))
    (if (i32.and (i32.eq (local.get $word) (i32.const 0x736c6166)) (i32.le_u (i32.add (local.get $i) (i32.const 5)) (local.get $end)))
      (then (if (i32.eq (i32.load8_u offset=4 (local.get $i)) (i32.const 101)) (then (return (global.get $FALSE))))))
    (i32.const -1))

  ;; The index after the literal of kind $kind at $i.
  (func $afterLiteral (param $i i32) (param $kind i32) (result i32)
    (i32.add (local.get $i) (select (i32.const 5) (i32.const 4) (i32.eq (local.get $kind) (global.get $FALSE)))))

  ;; Any array or object from its opener, $depth deep: the index after its closer, or -1.
  (func $nested (param $i i32) (param $end i32) (param $depth i32) (result i32)
    (local $isObject i32) (local $close i32) (local $c i32) (local $kind i32)
    (if (i32.gt_u (local.get $depth) (global.get $MAX_NESTING)) (then (return (i32.const -1))))
    (local.set $isObject (i32.eq (i32.load8_u (local.get $i)) (i32.const 123)))
    (local.set $close (select (i32.const 125) (i32.const 93) (local.get $isObject)))
    (local.set $i (call $blanks (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
    (if (i32.lt_u (local.get $i) (local.get $end))
      (then (if (i32.eq (i32.load8_u (local.get $i)) (local.get $close)) (then (return (i32.add (local.get $i) (i32.const 1)))))))
    (loop $next
      (if (local.get $isObject)
        (then
          (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
          (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 34)) (then (return (i32.const -1))))
          (local.set $i (call $string (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
          (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
          (local.set $i (call $blanks (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
          (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
          (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 58)) (then (return (i32.const -1))))
          (local.set $i (call $blanks (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
          (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))))
      (local.set $c (i32.load8_u (local.get $i)))
      (if (i32.eq (local.get $c) (i32.const 34))
        (then
          (local.set $i (call $string (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
          (if (i32.ge_s (local.get $i) (i32.const 0)) (then (local.set $i (i32.add (local.get $i) (i32.const 1))))))
        (else
          (if (i32.or (i32.eq (local.get $c) (i32.const 123)) (i32.eq (local.get $c) (i32.const 91)))
            (then (local.set $i (call $nested (local.get $i) (local.get $end) (i32.add (local.get $depth) (i32.const 1)))))
            (else
              (if (i32.or (i32.eq (local.get $c) (i32.const 45)) (call $isDigit (local.get $c)))
                (then (local.set $i (call $number (local.get $i) (local.get $end))))
                (else
                  (local.set $kind (call $literal (local.get $i) (local.get $end)))
                  (local.set $i
                    (if (result i32) (i32.lt_s (local.get $kind) (i32.const 0))
                      (then (i32.const -1))
                      (else (call $afterLiteral (local.get $i) (local.get $kind)))))))))))
      (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
      (local.set $i (call $blanks (local.get $i) (local.get $end)))
      (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
      (local.set $c (i32.load8_u (local.get $i)))
      (if (i32.eq (local.get $c) (local.get $close)) (then (return (i32.add (local.get $i) (i32.const 1)))))
      (if (i32.ne (local.get $c) (i32.const 44)) (then (return (i32.const -1))))
      (local.set $i (call $blanks (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
      (br $next))
    (i32.const -1))

  ;; A list of strings from its [: the index after its ], or -1. Sets $listPlain.
  (func $list (param $i i32) (param $end i32) (result i32)
    (global.set $listPlain (i32.const 1))
    (local.set $i (call $blanks (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
    (if (i32.lt_u (local.get $i) (local.get $end))
      (then (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 93)) (then (return (i32.add (local.get $i) (i32.const 1)))))))
    (loop $next
      (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
      (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 34)) (then (return (i32.const -1))))
      (local.set $i (call $string (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
      (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
      (if (i32.eqz (global.get $plain)) (then (global.set $listPlain (i32.const 0))))
      (local.set $i (call $blanks (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
      (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
      (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 93)) (then (return (i32.add (local.get $i) (i32.const 1)))))
      (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 44)) (then (return (i32.const -1))))
      (local.set $i (call $blanks (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
      (br $next))
    (i32.const -1))

  ;; The field the key at $start, $length bytes long, names; -1 for one nobody reads.
  (func $field (param $start i32) (param $length i32) (result i32)
    (local $slot i32) (local $f i32) (local $name i32) (local $k i32)
    (local.set $slot
      (i32.and
        (i32.add (i32.add (i32.mul (local.get $length) (i32.const 7)) (i32.mul (i32.load8_u (local.get $start)) (i32.const 3)))
                 (i32.load8_u (i32.sub (i32.add (local.get $start) (local.get $length)) (i32.const 1))))
        (i32.const 127)))
    (loop $probe
      (local.set $f (i32.load8_s (local.get $slot)))
      (if (i32.lt_s (local.get $f) (i32.const 0)) (then (return (i32.const -1))))
      (if (i32.eq (i32.load8_u (i32.add (global.get $LENGTHS) (local.get $f))) (local.get $length))
        (then
          (local.set $name (i32.add (global.get $NAMES) (i32.shl (local.get $f) (i32.const 5))))
          (local.set $k (i32.const 0))
          (block $differ
            (loop $compare
              (if (i32.ge_u (local.get $k) (local.get $length)) (then (return (local.get $f))))
              (br_if $differ (i32.ne (i32.load8_u (i32.add (local.get $name) (local.get $k)))
                                     (i32.load8_u (i32.add (local.get $start) (local.get $k)))))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br $compare)))))
      (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (i32.const 127)))
      (br $probe))
    (i32.const -1))

  ;; The value at $i into $slot (or nowhere: -1); $asList: a list of strings is noted as LIST.
  ;; The index after the value, or -1.
  (func $value (param $i i32) (param $end i32) (param $slot i32) (param $asList i32) (result i32)
    (local $c i32) (local $kind i32) (local $from i32) (local $to i32) (local $listEnd i32)
    (local.set $c (i32.load8_u (local.get $i)))
    (local.set $from (local.get $i))
    (block $noted
      (if (i32.eq (local.get $c) (i32.const 34))
        (then
          (local.set $to (call $string (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
          (if (i32.lt_s (local.get $to) (i32.const 0)) (then (return (i32.const -1))))
          (local.set $from (i32.add (local.get $i) (i32.const 1)))
          (local.set $kind (select (global.get $PLAIN) (global.get $STRING) (global.get $plain)))
          (local.set $i (i32.add (local.get $to) (i32.const 1)))
          (br $noted)))
      (if (i32.or (i32.eq (local.get $c) (i32.const 91)) (i32.eq (local.get $c) (i32.const 123)))
        (then
          (local.set $listEnd (i32.const -1))
          (if (i32.and (local.get $asList) (i32.eq (local.get $c) (i32.const 91)))
            (then (local.set $listEnd (call $list (local.get $i) (local.get $end)))))
          ;; A list that is not of strings only is read again as any nested value.
          (local.set $i
            (if (result i32) (i32.ge_s (local.get $listEnd) (i32.const 0))
              (then (local.get $listEnd))
              (else (call $nested (local.get $i) (local.get $end) (i32.const 1)))))
          (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
          (local.set $kind
            (select (global.get $LIST) (global.get $NESTED) (i32.and (i32.ge_s (local.get $listEnd) (i32.const 0)) (global.get $listPlain))))
          (local.set $to (local.get $i))
          (br $noted)))
      (if (i32.or (i32.eq (local.get $c) (i32.const 45)) (call $isDigit (local.get $c)))
        (then
          (local.set $i (call $number (local.get $i) (local.get $end)))
          (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
          (local.set $kind (global.get $NUMBER))
          (local.set $to (local.get $i))
          (br $noted)))
      (local.set $kind (call $literal (local.get $i) (local.get $end)))
      (if (i32.lt_s (local.get $kind) (i32.const 0)) (then (return (i32.const -1))))
      (local.set $i (call $afterLiteral (local.get $i) (local.get $kind)))
      (local.set $to (local.get $i)))
    (if (i32.ge_s (local.get $slot) (i32.const 0))
      (then
        (i32.store8 (i32.add (global.get $KIND) (local.get $slot)) (local.get $kind))
        (i32.store (i32.add (global.get $START) (i32.shl (local.get $slot) (i32.const 2))) (i32.sub (local.get $from) (global.get $base)))
        (i32.store (i32.add (global.get $END) (i32.shl (local.get $slot) (i32.const 2))) (i32.sub (local.get $to) (global.get $base)))))
    (local.get $i))

  ;; The object at $i as object number $o: the index after its }, or -1.
  (func $object (param $i i32) (param $end i32) (param $o i32) (result i32)
    (local $slots i32) (local $keyStart i32) (local $c i32) (local $field i32)
    (local.set $slots (i32.mul (local.get $o) (global.get $fields)))
    (memory.fill (i32.add (global.get $KIND) (local.get $slots)) (i32.const 0) (global.get $fields))
    (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
    (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 123)) (then (return (i32.const -1))))
    (i32.store (i32.add (global.get $OBJECT_START) (i32.shl (local.get $o) (i32.const 2))) (i32.sub (local.get $i) (global.get $base)))
    (local.set $i (call $blanks (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
    (if (i32.lt_u (local.get $i) (local.get $end))
      (then
        (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 125))
          (then
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (i32.store (i32.add (global.get $OBJECT_END) (i32.shl (local.get $o) (i32.const 2))) (i32.sub (local.get $i) (global.get $base)))
            (return (local.get $i))))))
    (loop $member
      (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
      (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 34)) (then (return (i32.const -1))))
      ;; The key: one with an escape or outside ASCII is not read here.
      (local.set $keyStart (i32.add (local.get $i) (i32.const 1)))
      (local.set $i (local.get $keyStart))
      (block $closed
        (loop $key
          (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
          (local.set $c (i32.load8_u (local.get $i)))
          (br_if $closed (i32.eq (local.get $c) (i32.const 34)))
          (if (i32.or (i32.eq (local.get $c) (i32.const 92)) (i32.or (i32.lt_u (local.get $c) (i32.const 32)) (i32.ge_u (local.get $c) (i32.const 128))))
            (then (return (i32.const -1))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $key)))
      (local.set $field
        (if (result i32) (i32.gt_u (local.get $i) (local.get $keyStart))
          (then (call $field (local.get $keyStart) (i32.sub (local.get $i) (local.get $keyStart))))
          (else (i32.const -1))))
      (local.set $i (call $blanks (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
      (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
      (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 58)) (then (return (i32.const -1))))
      (local.set $i (call $blanks (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
      (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
      (local.set $i
        (call $value (local.get $i) (local.get $end)
          (select (i32.const -1) (i32.add (local.get $slots) (local.get $field)) (i32.lt_s (local.get $field) (i32.const 0)))
          (i32.eq (local.get $field) (global.get $category))))
      (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
      (local.set $i (call $blanks (local.get $i) (local.get $end)))
      (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
      (local.set $c (i32.load8_u (local.get $i)))
      (if (i32.eq (local.get $c) (i32.const 125))
        (then
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (i32.store (i32.add (global.get $OBJECT_END) (i32.shl (local.get $o) (i32.const 2))) (i32.sub (local.get $i) (global.get $base)))
          (return (local.get $i))))
      (if (i32.ne (local.get $c) (i32.const 44)) (then (return (i32.const -1))))
      (local.set $i (call $blanks (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
      (br $member))
    (i32.const -1))

  ;; Reads the line [$start, $end) (addresses; positions are noted relative to $base): the number
  ;; of objects it holds, -1 when it is not one object or an array of them (the JavaScript reader
  ;; refuses it too), 0 when it holds more objects than this has slots for (ask that reader).
  (func (export "read") (param $base i32) (param $start i32) (param $end i32) (result i32)
    (local $i i32) (local $count i32)
    (global.set $base (local.get $base))
    (local.set $i (call $blanks (local.get $start) (local.get $end)))
    (global.set $isArray
      (select (i32.eq (i32.load8_u (local.get $i)) (i32.const 91)) (i32.const 0) (i32.lt_u (local.get $i) (local.get $end))))
    (if (global.get $isArray)
      (then
        (local.set $i (call $blanks (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
        (loop $element
          (if (i32.eq (local.get $count) (global.get $MAX_OBJECTS)) (then (return (i32.const 0))))
          (local.set $i (call $object (local.get $i) (local.get $end) (local.get $count)))
          (local.set $count (i32.add (local.get $count) (i32.const 1)))
          (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
          (local.set $i (call $blanks (local.get $i) (local.get $end)))
          (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
          (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 93))
            (then
              (return (select (local.get $count) (i32.const -1)
                (i32.eq (call $blanks (i32.add (local.get $i) (i32.const 1)) (local.get $end)) (local.get $end))))))
          (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 44)) (then (return (i32.const -1))))
          (local.set $i (call $blanks (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
          (br $element))))
    (local.set $i (call $object (local.get $i) (local.get $end) (i32.const 0)))
    (select (i32.const 1) (i32.const -1)
      (i32.and (i32.ge_s (local.get $i) (i32.const 0)) (i32.eq (call $blanks (local.get $i) (local.get $end)) (local.get $end)))))
)
