;; Adam's moments and step for a flat vector of parameters, in one pass (models/adam.ts has the
;; rule, Keras'): m' = m + (g - m)(1 - beta1), v' = v + (g^2 - v)(1 - beta2),
;; step = m' / (sqrt(v') + epsilon) * alpha. Each value goes through the same f32 operations in
;; the same order as the eleven tfjs ops this replaces, so the results are the same bits; those
;; ops were eleven passes over the vector, this is one (timings: docs/performance.md).
(module
  (import "env" "memory" (memory 1 65536 MEMORY_SHARING))

  (func (export "adam")
    (param $g i32) (param $m i32) (param $v i32) (param $newM i32) (param $newV i32) (param $step i32)
    (param $n i32) (param $b1 f32) (param $b2 f32) (param $eps f32) (param $alpha f32)
    (local $i i32) (local $end i32)
    (local $gv v128) (local $mv v128) (local $vv v128) (local $b1v v128) (local $b2v v128) (local $epsv v128) (local $av v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $b1v (f32x4.splat (local.get $b1)))
    (local.set $b2v (f32x4.splat (local.get $b2)))
    (local.set $epsv (f32x4.splat (local.get $eps)))
    (local.set $av (f32x4.splat (local.get $alpha)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $done (loop $vectors
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $gv (v128.load (i32.add (local.get $g) (local.get $i))))
      (local.set $mv (f32x4.add (v128.load (i32.add (local.get $m) (local.get $i)))
        (f32x4.mul (f32x4.sub (local.get $gv) (v128.load (i32.add (local.get $m) (local.get $i)))) (local.get $b1v))))
      (local.set $vv (f32x4.add (v128.load (i32.add (local.get $v) (local.get $i)))
        (f32x4.mul (f32x4.sub (f32x4.mul (local.get $gv) (local.get $gv)) (v128.load (i32.add (local.get $v) (local.get $i)))) (local.get $b2v))))
      (v128.store (i32.add (local.get $newM) (local.get $i)) (local.get $mv))
      (v128.store (i32.add (local.get $newV) (local.get $i)) (local.get $vv))
      (v128.store (i32.add (local.get $step) (local.get $i))
        (f32x4.mul (f32x4.div (local.get $mv) (f32x4.add (f32x4.sqrt (local.get $vv)) (local.get $epsv))) (local.get $av)))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $vectors)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $tailDone (loop $tail
      (br_if $tailDone (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $gs (f32.load (i32.add (local.get $g) (local.get $i))))
      (local.set $ms (f32.load (i32.add (local.get $m) (local.get $i))))
      (local.set $vs (f32.load (i32.add (local.get $v) (local.get $i))))
      (local.set $ms (f32.add (local.get $ms) (f32.mul (f32.sub (local.get $gs) (local.get $ms)) (local.get $b1))))
      (local.set $vs (f32.add (local.get $vs) (f32.mul (f32.sub (f32.mul (local.get $gs) (local.get $gs)) (local.get $vs)) (local.get $b2))))
      (f32.store (i32.add (local.get $newM) (local.get $i)) (local.get $ms))
      (f32.store (i32.add (local.get $newV) (local.get $i)) (local.get $vs))
      (f32.store (i32.add (local.get $step) (local.get $i))
        (f32.mul (f32.div (local.get $ms) (f32.add (f32.sqrt (local.get $vs)) (local.get $eps))) (local.get $alpha)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $tail))))
)
