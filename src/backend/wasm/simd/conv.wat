;; A stride-1 NHWC convolution over an input already padded (every window inside it):
;;
;;   out[b, y, x, co] = sum over kh, kw, ci of  x[b, y+kh, x+kw, ci] * w[kh, kw, ci, co]  (+ bias[co])
;;
;; then relu if asked. For a fixed kh the window's values (kw, ci) are KW*CI consecutive floats
;; of one input row, and w's rows [kh][kw][ci] are consecutive too, so each output is a dot
;; product run along k < KW*CI. Two neighbouring outputs x, x+1 by 16 channels are eight v128
;; accumulators; per k: four vectors of w, one splat for each output. It beats XNNPACK on the
;; models' convolutions (no fused multiply-add in wasm SIMD either way; XNNPACK spends more on
;; indirection; docs/performance.md has the timings). CO must be a multiple of 16, or 1: then
;; each output is one dot product along k (an autoencoder's last layer).
(module
  (import "env" "memory" (memory 1 65536 MEMORY_SHARING))

  ;; Sums for `count` (1 or 2) outputs at xp (input offset of the first output's window, row
  ;; kh = 0), channels [c, c+16) of w at wp, written to op (and op + COb), plus bias and relu.
  ;; CIb is the distance between the two windows in bytes (0 for one output).
  (func $outputs
    (param $xp i32) (param $wp i32) (param $op i32) (param $count i32)
    (param $K i32) (param $KH i32) (param $xRow i32) (param $wKh i32) (param $CIb i32) (param $COb i32)
    (param $bias i32) (param $relu i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128) (local $s v128)
    (local $kh i32) (local $k i32) (local $x i32) (local $w i32) (local $zero v128)
    (local.set $kh (local.get $KH))
    (loop $rows
      (local.set $x (local.get $xp))
      (local.set $w (local.get $wp))
      (local.set $k (local.get $K))
      (loop $ks
        (local.set $w0 (v128.load offset=0 (local.get $w)))
        (local.set $w1 (v128.load offset=16 (local.get $w)))
        (local.set $w2 (v128.load offset=32 (local.get $w)))
        (local.set $w3 (v128.load offset=48 (local.get $w)))
        (local.set $s (v128.load32_splat (local.get $x)))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (local.get $w0))))
        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (local.get $w1))))
        (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $s) (local.get $w2))))
        (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $s) (local.get $w3))))
        ;; The second output's window starts one pixel (CIb bytes) later. A single output
        ;; passes CIb = 0: the same window again, whose sums are not stored.
        (local.set $s (v128.load32_splat (i32.add (local.get $x) (local.get $CIb))))
        (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (local.get $s) (local.get $w0))))
        (local.set $a5 (f32x4.add (local.get $a5) (f32x4.mul (local.get $s) (local.get $w1))))
        (local.set $a6 (f32x4.add (local.get $a6) (f32x4.mul (local.get $s) (local.get $w2))))
        (local.set $a7 (f32x4.add (local.get $a7) (f32x4.mul (local.get $s) (local.get $w3))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $w (i32.add (local.get $w) (local.get $COb)))
        (br_if $ks (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
      (local.set $xp (i32.add (local.get $xp) (local.get $xRow)))
      (local.set $wp (i32.add (local.get $wp) (local.get $wKh)))
      (br_if $rows (local.tee $kh (i32.sub (local.get $kh) (i32.const 1)))))
    (if (local.get $bias)
      (then
        (local.set $w0 (v128.load offset=0 (local.get $bias)))
        (local.set $w1 (v128.load offset=16 (local.get $bias)))
        (local.set $w2 (v128.load offset=32 (local.get $bias)))
        (local.set $w3 (v128.load offset=48 (local.get $bias)))
        (local.set $a0 (f32x4.add (local.get $a0) (local.get $w0)))
        (local.set $a1 (f32x4.add (local.get $a1) (local.get $w1)))
        (local.set $a2 (f32x4.add (local.get $a2) (local.get $w2)))
        (local.set $a3 (f32x4.add (local.get $a3) (local.get $w3)))
        (local.set $a4 (f32x4.add (local.get $a4) (local.get $w0)))
        (local.set $a5 (f32x4.add (local.get $a5) (local.get $w1)))
        (local.set $a6 (f32x4.add (local.get $a6) (local.get $w2)))
        (local.set $a7 (f32x4.add (local.get $a7) (local.get $w3)))))
    (if (local.get $relu)
      (then
        (local.set $a0 (f32x4.max (local.get $a0) (local.get $zero)))
        (local.set $a1 (f32x4.max (local.get $a1) (local.get $zero)))
        (local.set $a2 (f32x4.max (local.get $a2) (local.get $zero)))
        (local.set $a3 (f32x4.max (local.get $a3) (local.get $zero)))
        (local.set $a4 (f32x4.max (local.get $a4) (local.get $zero)))
        (local.set $a5 (f32x4.max (local.get $a5) (local.get $zero)))
        (local.set $a6 (f32x4.max (local.get $a6) (local.get $zero)))
        (local.set $a7 (f32x4.max (local.get $a7) (local.get $zero)))))
    (v128.store offset=0 (local.get $op) (local.get $a0))
    (v128.store offset=16 (local.get $op) (local.get $a1))
    (v128.store offset=32 (local.get $op) (local.get $a2))
    (v128.store offset=48 (local.get $op) (local.get $a3))
    (if (i32.eq (local.get $count) (i32.const 2))
      (then
        (local.set $op (i32.add (local.get $op) (local.get $COb)))
        (v128.store offset=0 (local.get $op) (local.get $a4))
        (v128.store offset=16 (local.get $op) (local.get $a5))
        (v128.store offset=32 (local.get $op) (local.get $a6))
        (v128.store offset=48 (local.get $op) (local.get $a7)))))

  ;; One output of a one-channel conv: the dot product of its window with w, vectors along k
  ;; (w's rows are consecutive when CO = 1), then bias and relu.
  (func $dot
    (param $xp i32) (param $wp i32) (param $K i32) (param $KH i32) (param $xRow i32)
    (param $bias i32) (param $relu i32) (result f32)
    (local $acc v128) (local $sum f32) (local $kh i32) (local $k i32) (local $K4 i32)
    (local.set $K4 (i32.shl (i32.and (local.get $K) (i32.const -4)) (i32.const 2)))
    (local.set $kh (local.get $KH))
    (loop $rows
      (local.set $k (i32.const 0))
      (block $vecDone (loop $vec
        (br_if $vecDone (i32.ge_u (local.get $k) (local.get $K4)))
        (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul
          (v128.load (i32.add (local.get $xp) (local.get $k)))
          (v128.load (i32.add (local.get $wp) (local.get $k))))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $vec)))
      (block $tailDone (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $k) (i32.shl (local.get $K) (i32.const 2))))
        (local.set $sum (f32.add (local.get $sum) (f32.mul
          (f32.load (i32.add (local.get $xp) (local.get $k)))
          (f32.load (i32.add (local.get $wp) (local.get $k))))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $tail)))
      (local.set $xp (i32.add (local.get $xp) (local.get $xRow)))
      (local.set $wp (i32.add (local.get $wp) (i32.shl (local.get $K) (i32.const 2))))
      (br_if $rows (local.tee $kh (i32.sub (local.get $kh) (i32.const 1)))))
    (local.set $sum (f32.add (local.get $sum) (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
      (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc))))))
    (if (local.get $bias) (then (local.set $sum (f32.add (local.get $sum) (f32.load (local.get $bias))))))
    (if (local.get $relu) (then (local.set $sum (f32.max (local.get $sum) (f32.const 0)))))
    (local.get $sum))

  ;; out [*, OH, OW, CO] for batch entries [b0, b1) of x [*, H, W, CI] (OH = H-KH+1,
  ;; OW = W-KW+1) and w [KH, KW, CI, CO]; bias [CO] is added unless its offset is 0; relu != 0
  ;; applies max(0, .) last.
  (func (export "conv2d")
    (param $x i32) (param $w i32) (param $bias i32) (param $out i32) (param $b0 i32) (param $b1 i32)
    (param $H i32) (param $W i32) (param $CI i32) (param $OH i32) (param $OW i32) (param $CO i32)
    (param $KH i32) (param $KW i32) (param $relu i32)
    (local $K i32) (local $b i32) (local $c i32) (local $y i32) (local $xx i32)
    (local $CIb i32) (local $COb i32) (local $xRow i32) (local $wKh i32)
    (local $xRowStart i32) (local $oRowStart i32) (local $wc i32) (local $bc i32)
    (local.set $K (i32.mul (local.get $KW) (local.get $CI)))
    (local.set $CIb (i32.shl (local.get $CI) (i32.const 2)))
    (local.set $COb (i32.shl (local.get $CO) (i32.const 2)))
    (local.set $xRow (i32.mul (local.get $W) (local.get $CIb)))
    (local.set $wKh (i32.mul (local.get $K) (local.get $COb)))
    (local.set $b (local.get $b0))
    (if (i32.eq (local.get $CO) (i32.const 1))
      (then
        ;; One output channel (an autoencoder's last conv): a dot product per output.
        (block $oneDone (loop $oneBatch
          (br_if $oneDone (i32.ge_u (local.get $b) (local.get $b1)))
          (local.set $y (i32.const 0))
          (loop $oneRows
            (local.set $xRowStart (i32.add (local.get $x)
              (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $y)) (local.get $xRow))))
            (local.set $oRowStart (i32.add (local.get $out)
              (i32.shl (i32.mul (i32.add (i32.mul (local.get $b) (local.get $OH)) (local.get $y)) (local.get $OW)) (i32.const 2))))
            (local.set $xx (i32.const 0))
            (loop $oneCols
              (f32.store (i32.add (local.get $oRowStart) (i32.shl (local.get $xx) (i32.const 2)))
                (call $dot (i32.add (local.get $xRowStart) (i32.mul (local.get $xx) (local.get $CIb)))
                  (local.get $w) (local.get $K) (local.get $KH) (local.get $xRow) (local.get $bias) (local.get $relu)))
              (br_if $oneCols (i32.lt_u (local.tee $xx (i32.add (local.get $xx) (i32.const 1))) (local.get $OW))))
            (br_if $oneRows (i32.lt_u (local.tee $y (i32.add (local.get $y) (i32.const 1))) (local.get $OH))))
          (local.set $b (i32.add (local.get $b) (i32.const 1)))
          (br $oneBatch)))
        (return)))
    (block $batchDone (loop $batch
      (br_if $batchDone (i32.ge_u (local.get $b) (local.get $b1)))
      ;; 16 channels at a time, so w's slice for them (KH*K*16 floats) stays in L1.
      (local.set $c (i32.const 0))
      (loop $channels
        (local.set $wc (i32.add (local.get $w) (i32.shl (local.get $c) (i32.const 2))))
        (local.set $bc (select (i32.add (local.get $bias) (i32.shl (local.get $c) (i32.const 2))) (i32.const 0) (local.get $bias)))
        (local.set $y (i32.const 0))
        (loop $rows
          (local.set $xRowStart (i32.add (local.get $x)
            (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $y)) (local.get $xRow))))
          (local.set $oRowStart (i32.add (local.get $out) (i32.add (i32.shl (local.get $c) (i32.const 2))
            (i32.mul (i32.mul (i32.add (i32.mul (local.get $b) (local.get $OH)) (local.get $y)) (local.get $OW)) (local.get $COb)))))
          (local.set $xx (i32.const 0))
          (block $pairsDone (loop $pairs
            (br_if $pairsDone (i32.gt_u (i32.add (local.get $xx) (i32.const 2)) (local.get $OW)))
            (call $outputs
              (i32.add (local.get $xRowStart) (i32.mul (local.get $xx) (local.get $CIb)))
              (local.get $wc)
              (i32.add (local.get $oRowStart) (i32.mul (local.get $xx) (local.get $COb)))
              (i32.const 2) (local.get $K) (local.get $KH) (local.get $xRow) (local.get $wKh)
              (local.get $CIb) (local.get $COb) (local.get $bc) (local.get $relu))
            (local.set $xx (i32.add (local.get $xx) (i32.const 2)))
            (br $pairs)))
          (if (i32.lt_u (local.get $xx) (local.get $OW))
            (then (call $outputs
              (i32.add (local.get $xRowStart) (i32.mul (local.get $xx) (local.get $CIb)))
              (local.get $wc)
              (i32.add (local.get $oRowStart) (i32.mul (local.get $xx) (local.get $COb)))
              (i32.const 1) (local.get $K) (local.get $KH) (local.get $xRow) (local.get $wKh)
              (i32.const 0) (local.get $COb) (local.get $bc) (local.get $relu))))
          (br_if $rows (i32.lt_u (local.tee $y (i32.add (local.get $y) (i32.const 1))) (local.get $OH))))
        (br_if $channels (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 16))) (local.get $CO))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $batch))))
)
