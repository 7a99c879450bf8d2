;; Keras' Adadelta for one variable, in one pass (models/adadelta.ts has the rule):
;; a' = a rho + g^2 (1 - rho), step = sqrt(u + eps) / sqrt(a' + eps) g,
;; u' = u rho + step^2 (1 - rho), w' = w - step lr. Each value goes through the same f32
;; operations in the same order as the fourteen tfjs ops this replaces, so the results are the
;; same bits; those ops were fourteen passes over the variable, this is one.
(module
  (import "env" "memory" (memory 1 65536 MEMORY_SHARING))

  (func (export "adadelta")
    (param $g i32) (param $a i32) (param $u i32) (param $w i32)
    (param $newA i32) (param $newU i32) (param $newW i32)
    (param $n i32) (param $rho f32) (param $omr f32) (param $eps f32) (param $lr f32)
    (local $i i32) (local $end i32)
    (local $gv v128) (local $av v128) (local $sv v128)
    (local $rhov v128) (local $omrv v128) (local $epsv v128) (local $lrv v128)
    (local $gs f32) (local $as f32) (local $ss f32)
    (local.set $rhov (f32x4.splat (local.get $rho)))
    (local.set $omrv (f32x4.splat (local.get $omr)))
    (local.set $epsv (f32x4.splat (local.get $eps)))
    (local.set $lrv (f32x4.splat (local.get $lr)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $done (loop $vectors
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $gv (v128.load (i32.add (local.get $g) (local.get $i))))
      (local.set $av (f32x4.add (f32x4.mul (v128.load (i32.add (local.get $a) (local.get $i))) (local.get $rhov))
        (f32x4.mul (f32x4.mul (local.get $gv) (local.get $gv)) (local.get $omrv))))
      (local.set $sv (f32x4.mul
        (f32x4.div (f32x4.sqrt (f32x4.add (v128.load (i32.add (local.get $u) (local.get $i))) (local.get $epsv)))
          (f32x4.sqrt (f32x4.add (local.get $av) (local.get $epsv))))
        (local.get $gv)))
      (v128.store (i32.add (local.get $newA) (local.get $i)) (local.get $av))
      (v128.store (i32.add (local.get $newU) (local.get $i))
        (f32x4.add (f32x4.mul (v128.load (i32.add (local.get $u) (local.get $i))) (local.get $rhov))
          (f32x4.mul (f32x4.mul (local.get $sv) (local.get $sv)) (local.get $omrv))))
      (v128.store (i32.add (local.get $newW) (local.get $i))
        (f32x4.sub (v128.load (i32.add (local.get $w) (local.get $i))) (f32x4.mul (local.get $sv) (local.get $lrv))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $vectors)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $tailDone (loop $tail
      (br_if $tailDone (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $gs (f32.load (i32.add (local.get $g) (local.get $i))))
      (local.set $as (f32.add (f32.mul (f32.load (i32.add (local.get $a) (local.get $i))) (local.get $rho))
        (f32.mul (f32.mul (local.get $gs) (local.get $gs)) (local.get $omr))))
      (local.set $ss (f32.mul
        (f32.div (f32.sqrt (f32.add (f32.load (i32.add (local.get $u) (local.get $i))) (local.get $eps)))
          (f32.sqrt (f32.add (local.get $as) (local.get $eps))))
        (local.get $gs)))
      (f32.store (i32.add (local.get $newA) (local.get $i)) (local.get $as))
      (f32.store (i32.add (local.get $newU) (local.get $i))
        (f32.add (f32.mul (f32.load (i32.add (local.get $u) (local.get $i))) (local.get $rho))
          (f32.mul (f32.mul (local.get $ss) (local.get $ss)) (local.get $omr))))
      (f32.store (i32.add (local.get $newW) (local.get $i))
        (f32.sub (f32.load (i32.add (local.get $w) (local.get $i))) (f32.mul (local.get $ss) (local.get $lr))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $tail))))
)
