;; Relu's gradient, dx = dy * step(y), four floats a step. y is relu's output (or its input: the
;; sign pattern is the same); step is tfjs' own: 1 where y > 0, NaN where y is NaN, 0 elsewhere,
;; and the product is a real multiply, so dx is what tfjs' mul(dy, step(y)) gives, bit for bit
;; (-0 for a negative dy, NaN for an infinite one). tfjs-wasm does it as Step, Cast and Multiply:
;; three passes over memory where this is one (timings: docs/performance.md).
(module
  (import "env" "memory" (memory 1 65536 MEMORY_SHARING))

  (func (export "reluGrad") (param $y i32) (param $dy i32) (param $dx i32) (param $n i32)
    (local $i i32) (local $end i32) (local $v v128) (local $s v128) (local $f f32)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $i (i32.const 0))
    (block $done (loop $vectors
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $v (v128.load (i32.add (local.get $y) (local.get $i))))
      (local.set $s (v128.bitselect (f32x4.splat (f32.const 1)) (f32x4.splat (f32.const 0))
        (f32x4.gt (local.get $v) (f32x4.splat (f32.const 0)))))
      ;; NaN lanes of y keep y (a NaN) as the step
      (local.set $s (v128.bitselect (local.get $v) (local.get $s) (f32x4.ne (local.get $v) (local.get $v))))
      (v128.store (i32.add (local.get $dx) (local.get $i))
        (f32x4.mul (v128.load (i32.add (local.get $dy) (local.get $i))) (local.get $s)))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $vectors)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $tailDone (loop $tail
      (br_if $tailDone (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $f (f32.load (i32.add (local.get $y) (local.get $i))))
      (f32.store (i32.add (local.get $dx) (local.get $i))
        (f32.mul (f32.load (i32.add (local.get $dy) (local.get $i)))
          (select (local.get $f)
            (select (f32.const 1) (f32.const 0) (f32.gt (local.get $f) (f32.const 0)))
            (f32.ne (local.get $f) (local.get $f)))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $tail))))
)
