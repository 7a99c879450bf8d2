;; The gradient of a 2x2, stride-2 max pool over whole windows, NHWC, four channels at a time.
;;
;;   dx[b, 2i+u, 2j+v, c] = dy[b, i, j, c] if (u, v) is the window's argmax, else 0
;;
;; The argmax is the cpu backend's: the first of the window's four values in row-major order
;; that is greater than everything before it (starting from -Infinity), so ties go to the first
;; and NaNs never win (pool-grads.ts has the same rule in JavaScript for other windows).
(module
  (import "env" "memory" (memory 1 65536 MEMORY_SHARING))

  ;; x [B, H, W, C], dy [B, OH, OW, C] with 2*OH <= H, 2*OW <= W, C a multiple of 4;
  ;; dx [B, H, W, C] is overwritten (rows and columns no window covers become 0).
  (func (export "maxPoolGrad2x2")
    (param $x i32) (param $dy i32) (param $dx i32)
    (param $B i32) (param $H i32) (param $W i32) (param $C i32) (param $OH i32) (param $OW i32)
    (local $b i32) (local $i i32) (local $j i32) (local $c i32)
    (local $rowBytes i32) (local $pixBytes i32) (local $win i32) (local $g i32)
    (local $p00 v128) (local $p01 v128) (local $p10 v128) (local $p11 v128)
    (local $m v128) (local $g0 v128) (local $g1 v128) (local $g2 v128) (local $g3 v128)
    (local $d v128) (local $later v128)
    (local.set $pixBytes (i32.shl (local.get $C) (i32.const 2)))
    (local.set $rowBytes (i32.mul (local.get $W) (local.get $pixBytes)))
    (if (i32.or (i32.lt_u (i32.shl (local.get $OH) (i32.const 1)) (local.get $H))
                (i32.lt_u (i32.shl (local.get $OW) (i32.const 1)) (local.get $W)))
      (then (memory.fill (local.get $dx) (i32.const 0)
        (i32.mul (i32.mul (local.get $B) (local.get $H)) (local.get $rowBytes)))))
    (local.set $b (i32.const 0))
    (loop $batch
      (local.set $i (i32.const 0))
      (loop $rows
        (local.set $j (i32.const 0))
        (loop $cols
          ;; byte offset of the window's top-left pixel in x and dx; of (i, j) in dy
          (local.set $win (i32.add
            (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (i32.shl (local.get $i) (i32.const 1))) (local.get $rowBytes))
            (i32.mul (i32.shl (local.get $j) (i32.const 1)) (local.get $pixBytes))))
          (local.set $g (i32.shl (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $OH)) (local.get $i)) (local.get $OW)) (local.get $j)) (local.get $C)) (i32.const 2)))
          (local.set $c (i32.const 0))
          (loop $channels
            (local.set $p00 (v128.load (i32.add (local.get $x) (local.get $win))))
            (local.set $p01 (v128.load (i32.add (i32.add (local.get $x) (local.get $win)) (local.get $pixBytes))))
            (local.set $p10 (v128.load (i32.add (i32.add (local.get $x) (local.get $win)) (local.get $rowBytes))))
            (local.set $p11 (v128.load (i32.add (i32.add (i32.add (local.get $x) (local.get $win)) (local.get $rowBytes)) (local.get $pixBytes))))
            ;; g_k: value k beats the running maximum; the winner is the last k whose g_k is set.
            (local.set $m (f32x4.splat (f32.const -inf)))
            (local.set $g0 (f32x4.gt (local.get $p00) (local.get $m)))
            (local.set $m (v128.bitselect (local.get $p00) (local.get $m) (local.get $g0)))
            (local.set $g1 (f32x4.gt (local.get $p01) (local.get $m)))
            (local.set $m (v128.bitselect (local.get $p01) (local.get $m) (local.get $g1)))
            (local.set $g2 (f32x4.gt (local.get $p10) (local.get $m)))
            (local.set $m (v128.bitselect (local.get $p10) (local.get $m) (local.get $g2)))
            (local.set $g3 (f32x4.gt (local.get $p11) (local.get $m)))
            (local.set $d (v128.load (i32.add (local.get $dy) (local.get $g))))
            (v128.store (i32.add (i32.add (i32.add (local.get $dx) (local.get $win)) (local.get $rowBytes)) (local.get $pixBytes))
              (v128.and (local.get $d) (local.get $g3)))
            (local.set $later (local.get $g3))
            (v128.store (i32.add (i32.add (local.get $dx) (local.get $win)) (local.get $rowBytes))
              (v128.and (local.get $d) (v128.andnot (local.get $g2) (local.get $later))))
            (local.set $later (v128.or (local.get $later) (local.get $g2)))
            (v128.store (i32.add (i32.add (local.get $dx) (local.get $win)) (local.get $pixBytes))
              (v128.and (local.get $d) (v128.andnot (local.get $g1) (local.get $later))))
            (local.set $later (v128.or (local.get $later) (local.get $g1)))
            (v128.store (i32.add (local.get $dx) (local.get $win))
              (v128.and (local.get $d) (v128.andnot (local.get $g0) (local.get $later))))
            (local.set $win (i32.add (local.get $win) (i32.const 16)))
            (local.set $g (i32.add (local.get $g) (i32.const 16)))
            (br_if $channels (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 4))) (local.get $C))))
          (br_if $cols (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $OW))))
        (br_if $rows (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $OH))))
      (br_if $batch (i32.lt_u (local.tee $b (i32.add (local.get $b) (i32.const 1))) (local.get $B)))))
)
