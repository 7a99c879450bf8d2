;; The filter gradient of a stride-1 NHWC convolution, as WebAssembly SIMD over tfjs-wasm's heap.
;;
;;   dW[kh, kw, ci, co] = sum over b, y, x of  x[b, y+kh, x+kw, ci] * dy[b, y, x, co]
;;
;; (x already padded, so every window is inside it). tfjs-backend-wasm has no such kernel and the
;; XNNPACK convolution it can be phrased as spends most of its time packing a fresh activation
;; as the filter (docs/performance.md). Here the sum is accumulated in place, 2 x 16 outputs per
;; pass in eight v128 registers (4 x 8 when there are 8 output channels), over chunks of output
;; rows small enough to stay in cache. A single output channel (an autoencoder's last conv) is
;; vectorised over the window values instead.
;;
;; For a fixed kh, the values (kw, ci) a window needs are KW*CI consecutive floats of one input
;; row, and dW's layout [kh][kw][ci][co] keeps them consecutive too, so the kernel sees a matrix
;; product: dW[kh][k][co] += xrow[k] * dy[co] over output positions, k < KW*CI.
;;
;; The memory is imported: tfjs-wasm's own (the build script assembles a shared and an unshared
;; variant of this file, for its threaded and single-threaded builds). All pointers are byte
;; offsets into it.
(module
  (import "env" "memory" (memory 1 65536 MEMORY_SHARING))

  ;; Adds to out[0..2][0..16] (rows oRow bytes apart) the sums over `rows` rows of `OW`
  ;; positions: xp steps xStep bytes a position and xSkip more at the end of a row; dp steps dStep.
  (func $tile2x16
    (param $xp i32) (param $dp i32) (param $op i32) (param $rows i32) (param $OW i32)
    (param $xStep i32) (param $xSkip i32) (param $dStep i32) (param $oRow i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128)
    (local $s v128) (local $op1 i32) (local $x i32)
    (local.set $op1 (i32.add (local.get $op) (local.get $oRow)))
    (local.set $a0 (v128.load offset=0 (local.get $op)))
    (local.set $a1 (v128.load offset=16 (local.get $op)))
    (local.set $a2 (v128.load offset=32 (local.get $op)))
    (local.set $a3 (v128.load offset=48 (local.get $op)))
    (local.set $a4 (v128.load offset=0 (local.get $op1)))
    (local.set $a5 (v128.load offset=16 (local.get $op1)))
    (local.set $a6 (v128.load offset=32 (local.get $op1)))
    (local.set $a7 (v128.load offset=48 (local.get $op1)))
    (loop $row
      (local.set $x (local.get $OW))
      (loop $col
        (local.set $d0 (v128.load offset=0 (local.get $dp)))
        (local.set $d1 (v128.load offset=16 (local.get $dp)))
        (local.set $d2 (v128.load offset=32 (local.get $dp)))
        (local.set $d3 (v128.load offset=48 (local.get $dp)))
        (local.set $s (v128.load32_splat offset=0 (local.get $xp)))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (local.get $d0))))
        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (local.get $d1))))
        (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $s) (local.get $d2))))
        (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $s) (local.get $d3))))
        (local.set $s (v128.load32_splat offset=4 (local.get $xp)))
        (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (local.get $s) (local.get $d0))))
        (local.set $a5 (f32x4.add (local.get $a5) (f32x4.mul (local.get $s) (local.get $d1))))
        (local.set $a6 (f32x4.add (local.get $a6) (f32x4.mul (local.get $s) (local.get $d2))))
        (local.set $a7 (f32x4.add (local.get $a7) (f32x4.mul (local.get $s) (local.get $d3))))
        (local.set $xp (i32.add (local.get $xp) (local.get $xStep)))
        (local.set $dp (i32.add (local.get $dp) (local.get $dStep)))
        (br_if $col (local.tee $x (i32.sub (local.get $x) (i32.const 1)))))
      (local.set $xp (i32.add (local.get $xp) (local.get $xSkip)))
      (br_if $row (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))
    (v128.store offset=0 (local.get $op) (local.get $a0))
    (v128.store offset=16 (local.get $op) (local.get $a1))
    (v128.store offset=32 (local.get $op) (local.get $a2))
    (v128.store offset=48 (local.get $op) (local.get $a3))
    (v128.store offset=0 (local.get $op1) (local.get $a4))
    (v128.store offset=16 (local.get $op1) (local.get $a5))
    (v128.store offset=32 (local.get $op1) (local.get $a6))
    (v128.store offset=48 (local.get $op1) (local.get $a7)))

  ;; The same for one k and 16 outputs (the last k when KW*CI is odd).
  (func $tile1x16
    (param $xp i32) (param $dp i32) (param $op i32) (param $rows i32) (param $OW i32)
    (param $xStep i32) (param $xSkip i32) (param $dStep i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $s v128) (local $x i32)
    (local.set $a0 (v128.load offset=0 (local.get $op)))
    (local.set $a1 (v128.load offset=16 (local.get $op)))
    (local.set $a2 (v128.load offset=32 (local.get $op)))
    (local.set $a3 (v128.load offset=48 (local.get $op)))
    (loop $row
      (local.set $x (local.get $OW))
      (loop $col
        (local.set $s (v128.load32_splat (local.get $xp)))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (v128.load offset=0 (local.get $dp)))))
        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (v128.load offset=16 (local.get $dp)))))
        (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $s) (v128.load offset=32 (local.get $dp)))))
        (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $s) (v128.load offset=48 (local.get $dp)))))
        (local.set $xp (i32.add (local.get $xp) (local.get $xStep)))
        (local.set $dp (i32.add (local.get $dp) (local.get $dStep)))
        (br_if $col (local.tee $x (i32.sub (local.get $x) (i32.const 1)))))
      (local.set $xp (i32.add (local.get $xp) (local.get $xSkip)))
      (br_if $row (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))
    (v128.store offset=0 (local.get $op) (local.get $a0))
    (v128.store offset=16 (local.get $op) (local.get $a1))
    (v128.store offset=32 (local.get $op) (local.get $a2))
    (v128.store offset=48 (local.get $op) (local.get $a3)))

  ;; One k and 4 outputs: the last four when CO is not a multiple of 8.
  (func $tile1x4
    (param $xp i32) (param $dp i32) (param $op i32) (param $rows i32) (param $OW i32)
    (param $xStep i32) (param $xSkip i32) (param $dStep i32)
    (local $a0 v128) (local $x i32)
    (local.set $a0 (v128.load (local.get $op)))
    (loop $row
      (local.set $x (local.get $OW))
      (loop $col
        (local.set $a0 (f32x4.add (local.get $a0)
          (f32x4.mul (v128.load32_splat (local.get $xp)) (v128.load (local.get $dp)))))
        (local.set $xp (i32.add (local.get $xp) (local.get $xStep)))
        (local.set $dp (i32.add (local.get $dp) (local.get $dStep)))
        (br_if $col (local.tee $x (i32.sub (local.get $x) (i32.const 1)))))
      (local.set $xp (i32.add (local.get $xp) (local.get $xSkip)))
      (br_if $row (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))
    (v128.store (local.get $op) (local.get $a0)))

  ;; 4 k x 8 outputs: layers with 8 output channels.
  (func $tile4x8
    (param $xp i32) (param $dp i32) (param $op i32) (param $rows i32) (param $OW i32)
    (param $xStep i32) (param $xSkip i32) (param $dStep i32) (param $oRow i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local $d0 v128) (local $d1 v128) (local $s v128)
    (local $op1 i32) (local $op2 i32) (local $op3 i32) (local $x i32)
    (local.set $op1 (i32.add (local.get $op) (local.get $oRow)))
    (local.set $op2 (i32.add (local.get $op1) (local.get $oRow)))
    (local.set $op3 (i32.add (local.get $op2) (local.get $oRow)))
    (local.set $a0 (v128.load offset=0 (local.get $op)))
    (local.set $a1 (v128.load offset=16 (local.get $op)))
    (local.set $a2 (v128.load offset=0 (local.get $op1)))
    (local.set $a3 (v128.load offset=16 (local.get $op1)))
    (local.set $a4 (v128.load offset=0 (local.get $op2)))
    (local.set $a5 (v128.load offset=16 (local.get $op2)))
    (local.set $a6 (v128.load offset=0 (local.get $op3)))
    (local.set $a7 (v128.load offset=16 (local.get $op3)))
    (loop $row
      (local.set $x (local.get $OW))
      (loop $col
        (local.set $d0 (v128.load offset=0 (local.get $dp)))
        (local.set $d1 (v128.load offset=16 (local.get $dp)))
        (local.set $s (v128.load32_splat offset=0 (local.get $xp)))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (local.get $d0))))
        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (local.get $d1))))
        (local.set $s (v128.load32_splat offset=4 (local.get $xp)))
        (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $s) (local.get $d0))))
        (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $s) (local.get $d1))))
        (local.set $s (v128.load32_splat offset=8 (local.get $xp)))
        (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (local.get $s) (local.get $d0))))
        (local.set $a5 (f32x4.add (local.get $a5) (f32x4.mul (local.get $s) (local.get $d1))))
        (local.set $s (v128.load32_splat offset=12 (local.get $xp)))
        (local.set $a6 (f32x4.add (local.get $a6) (f32x4.mul (local.get $s) (local.get $d0))))
        (local.set $a7 (f32x4.add (local.get $a7) (f32x4.mul (local.get $s) (local.get $d1))))
        (local.set $xp (i32.add (local.get $xp) (local.get $xStep)))
        (local.set $dp (i32.add (local.get $dp) (local.get $dStep)))
        (br_if $col (local.tee $x (i32.sub (local.get $x) (i32.const 1)))))
      (local.set $xp (i32.add (local.get $xp) (local.get $xSkip)))
      (br_if $row (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))
    (v128.store offset=0 (local.get $op) (local.get $a0))
    (v128.store offset=16 (local.get $op) (local.get $a1))
    (v128.store offset=0 (local.get $op1) (local.get $a2))
    (v128.store offset=16 (local.get $op1) (local.get $a3))
    (v128.store offset=0 (local.get $op2) (local.get $a4))
    (v128.store offset=16 (local.get $op2) (local.get $a5))
    (v128.store offset=0 (local.get $op3) (local.get $a6))
    (v128.store offset=16 (local.get $op3) (local.get $a7)))

  ;; One k x 8 outputs: the last KW*CI mod 4 window values of an 8-channel layer.
  (func $tile1x8
    (param $xp i32) (param $dp i32) (param $op i32) (param $rows i32) (param $OW i32)
    (param $xStep i32) (param $xSkip i32) (param $dStep i32)
    (local $a0 v128) (local $a1 v128) (local $s v128) (local $x i32)
    (local.set $a0 (v128.load offset=0 (local.get $op)))
    (local.set $a1 (v128.load offset=16 (local.get $op)))
    (loop $row
      (local.set $x (local.get $OW))
      (loop $col
        (local.set $s (v128.load32_splat (local.get $xp)))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (v128.load offset=0 (local.get $dp)))))
        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (v128.load offset=16 (local.get $dp)))))
        (local.set $xp (i32.add (local.get $xp) (local.get $xStep)))
        (local.set $dp (i32.add (local.get $dp) (local.get $dStep)))
        (br_if $col (local.tee $x (i32.sub (local.get $x) (i32.const 1)))))
      (local.set $xp (i32.add (local.get $xp) (local.get $xSkip)))
      (br_if $row (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))
    (v128.store offset=0 (local.get $op) (local.get $a0))
    (v128.store offset=16 (local.get $op) (local.get $a1)))

  ;; One output channel, 16 consecutive window values (k) at once: out[k..k+16] += x[k..k+16] * dy.
  (func $co1x16
    (param $xp i32) (param $dp i32) (param $op i32) (param $rows i32) (param $OW i32)
    (param $xStep i32) (param $xSkip i32) (param $dStep i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $s v128) (local $x i32)
    (local.set $a0 (v128.load offset=0 (local.get $op)))
    (local.set $a1 (v128.load offset=16 (local.get $op)))
    (local.set $a2 (v128.load offset=32 (local.get $op)))
    (local.set $a3 (v128.load offset=48 (local.get $op)))
    (loop $row
      (local.set $x (local.get $OW))
      (loop $col
        (local.set $s (v128.load32_splat (local.get $dp)))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (v128.load offset=0 (local.get $xp)))))
        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (v128.load offset=16 (local.get $xp)))))
        (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $s) (v128.load offset=32 (local.get $xp)))))
        (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $s) (v128.load offset=48 (local.get $xp)))))
        (local.set $xp (i32.add (local.get $xp) (local.get $xStep)))
        (local.set $dp (i32.add (local.get $dp) (local.get $dStep)))
        (br_if $col (local.tee $x (i32.sub (local.get $x) (i32.const 1)))))
      (local.set $xp (i32.add (local.get $xp) (local.get $xSkip)))
      (br_if $row (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))
    (v128.store offset=0 (local.get $op) (local.get $a0))
    (v128.store offset=16 (local.get $op) (local.get $a1))
    (v128.store offset=32 (local.get $op) (local.get $a2))
    (v128.store offset=48 (local.get $op) (local.get $a3)))

  ;; One output channel, 4 window values.
  (func $co1x4
    (param $xp i32) (param $dp i32) (param $op i32) (param $rows i32) (param $OW i32)
    (param $xStep i32) (param $xSkip i32) (param $dStep i32)
    (local $a0 v128) (local $x i32)
    (local.set $a0 (v128.load (local.get $op)))
    (loop $row
      (local.set $x (local.get $OW))
      (loop $col
        (local.set $a0 (f32x4.add (local.get $a0)
          (f32x4.mul (v128.load32_splat (local.get $dp)) (v128.load (local.get $xp)))))
        (local.set $xp (i32.add (local.get $xp) (local.get $xStep)))
        (local.set $dp (i32.add (local.get $dp) (local.get $dStep)))
        (br_if $col (local.tee $x (i32.sub (local.get $x) (i32.const 1)))))
      (local.set $xp (i32.add (local.get $xp) (local.get $xSkip)))
      (br_if $row (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))
    (v128.store (local.get $op) (local.get $a0)))

  ;; One output channel, one window value (the last KW*CI mod 4), in scalar arithmetic.
  (func $co1x1
    (param $xp i32) (param $dp i32) (param $op i32) (param $rows i32) (param $OW i32)
    (param $xStep i32) (param $xSkip i32) (param $dStep i32)
    (local $a f32) (local $x i32)
    (local.set $a (f32.load (local.get $op)))
    (loop $row
      (local.set $x (local.get $OW))
      (loop $col
        (local.set $a (f32.add (local.get $a) (f32.mul (f32.load (local.get $dp)) (f32.load (local.get $xp)))))
        (local.set $xp (i32.add (local.get $xp) (local.get $xStep)))
        (local.set $dp (i32.add (local.get $dp) (local.get $dStep)))
        (br_if $col (local.tee $x (i32.sub (local.get $x) (i32.const 1)))))
      (local.set $xp (i32.add (local.get $xp) (local.get $xSkip)))
      (br_if $row (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))
    (f32.store (local.get $op) (local.get $a)))

  ;; out [KH, KW*CI, CO] += the filter gradient over batch entries [b0, b1) of
  ;; x [*, H, W, CI] and dy [*, OH, OW, CO] (OH = H-KH+1, OW = W-KW+1). CO must be 1 or a
  ;; multiple of 4. R output rows make a chunk (R*OW positions).
  (func (export "filterGrad")
    (param $x i32) (param $dy i32) (param $out i32)
    (param $b0 i32) (param $b1 i32)
    (param $H i32) (param $W i32) (param $CI i32)
    (param $OH i32) (param $OW i32) (param $CO i32)
    (param $KH i32) (param $KW i32) (param $R i32)
    (local $K i32) (local $b i32) (local $y0 i32) (local $rows i32) (local $kh i32) (local $k i32)
    (local $c i32) (local $xStep i32) (local $xSkip i32) (local $dStep i32) (local $oRow i32)
    (local $xChunk i32) (local $dChunk i32) (local $xRow i32) (local $dCol i32) (local $oCol i32)
    (local.set $K (i32.mul (local.get $KW) (local.get $CI)))
    (local.set $xStep (i32.shl (local.get $CI) (i32.const 2)))
    (local.set $xSkip (i32.shl (i32.mul (i32.sub (local.get $W) (local.get $OW)) (local.get $CI)) (i32.const 2)))
    (local.set $dStep (i32.shl (local.get $CO) (i32.const 2)))
    (local.set $oRow (local.get $dStep))
    (local.set $b (local.get $b0))
    (block $batchDone (loop $batch
      (br_if $batchDone (i32.ge_u (local.get $b) (local.get $b1)))
      (local.set $y0 (i32.const 0))
      (block $chunksDone (loop $chunk
        (br_if $chunksDone (i32.ge_u (local.get $y0) (local.get $OH)))
        (local.set $rows (select
          (local.get $R) (i32.sub (local.get $OH) (local.get $y0))
          (i32.le_u (local.get $R) (i32.sub (local.get $OH) (local.get $y0)))))
        ;; dy rows of the chunk are consecutive: OW*CO floats each.
        (local.set $dChunk (i32.add (local.get $dy) (i32.shl
          (i32.mul (i32.mul (i32.add (i32.mul (local.get $b) (local.get $OH)) (local.get $y0)) (local.get $OW)) (local.get $CO))
          (i32.const 2))))
        ;; x row of the chunk's first output row, window row kh = 0.
        (local.set $xChunk (i32.add (local.get $x) (i32.shl
          (i32.mul (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $y0)) (local.get $W)) (local.get $CI))
          (i32.const 2))))
        (if (i32.eq (local.get $CO) (i32.const 1))
          (then
            ;; One output channel: vectors run along k, dy is a scalar a position.
            (local.set $kh (i32.const 0))
            (loop $khOne
              (local.set $xRow (i32.add (local.get $xChunk)
                (i32.shl (i32.mul (i32.mul (local.get $kh) (local.get $W)) (local.get $CI)) (i32.const 2))))
              (local.set $oCol (i32.add (local.get $out) (i32.shl (i32.mul (local.get $kh) (local.get $K)) (i32.const 2))))
              (local.set $k (i32.const 0))
              (block $k16Done (loop $k16
                (br_if $k16Done (i32.gt_u (i32.add (local.get $k) (i32.const 16)) (local.get $K)))
                (call $co1x16 (i32.add (local.get $xRow) (i32.shl (local.get $k) (i32.const 2))) (local.get $dChunk)
                  (i32.add (local.get $oCol) (i32.shl (local.get $k) (i32.const 2)))
                  (local.get $rows) (local.get $OW) (local.get $xStep) (local.get $xSkip) (local.get $dStep))
                (local.set $k (i32.add (local.get $k) (i32.const 16)))
                (br $k16)))
              (block $k4Done (loop $k4
                (br_if $k4Done (i32.gt_u (i32.add (local.get $k) (i32.const 4)) (local.get $K)))
                (call $co1x4 (i32.add (local.get $xRow) (i32.shl (local.get $k) (i32.const 2))) (local.get $dChunk)
                  (i32.add (local.get $oCol) (i32.shl (local.get $k) (i32.const 2)))
                  (local.get $rows) (local.get $OW) (local.get $xStep) (local.get $xSkip) (local.get $dStep))
                (local.set $k (i32.add (local.get $k) (i32.const 4)))
                (br $k4)))
              (block $k1Done (loop $k1
                (br_if $k1Done (i32.ge_u (local.get $k) (local.get $K)))
                (call $co1x1 (i32.add (local.get $xRow) (i32.shl (local.get $k) (i32.const 2))) (local.get $dChunk)
                  (i32.add (local.get $oCol) (i32.shl (local.get $k) (i32.const 2)))
                  (local.get $rows) (local.get $OW) (local.get $xStep) (local.get $xSkip) (local.get $dStep))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $k1)))
              (br_if $khOne (i32.lt_u (local.tee $kh (i32.add (local.get $kh) (i32.const 1))) (local.get $KH)))))
          (else
            ;; Columns of 16 outputs: dy's slice for them stays in L1 across every (kh, k).
            (local.set $c (i32.const 0))
            (block $wideDone (loop $wide
              (br_if $wideDone (i32.gt_u (i32.add (local.get $c) (i32.const 16)) (local.get $CO)))
              (local.set $dCol (i32.add (local.get $dChunk) (i32.shl (local.get $c) (i32.const 2))))
              (local.set $kh (i32.const 0))
              (loop $khLoop
                (local.set $xRow (i32.add (local.get $xChunk)
                  (i32.shl (i32.mul (i32.mul (local.get $kh) (local.get $W)) (local.get $CI)) (i32.const 2))))
                (local.set $oCol (i32.add (local.get $out) (i32.shl
                  (i32.add (i32.mul (i32.mul (local.get $kh) (local.get $K)) (local.get $CO)) (local.get $c))
                  (i32.const 2))))
                (local.set $k (i32.const 0))
                (block $pairsDone (loop $pairs
                  (br_if $pairsDone (i32.gt_u (i32.add (local.get $k) (i32.const 2)) (local.get $K)))
                  (call $tile2x16
                    (i32.add (local.get $xRow) (i32.shl (local.get $k) (i32.const 2)))
                    (local.get $dCol)
                    (i32.add (local.get $oCol) (i32.mul (local.get $k) (local.get $oRow)))
                    (local.get $rows) (local.get $OW) (local.get $xStep) (local.get $xSkip) (local.get $dStep)
                    (local.get $oRow))
                  (local.set $k (i32.add (local.get $k) (i32.const 2)))
                  (br $pairs)))
                (if (i32.lt_u (local.get $k) (local.get $K))
                  (then (call $tile1x16
                    (i32.add (local.get $xRow) (i32.shl (local.get $k) (i32.const 2)))
                    (local.get $dCol)
                    (i32.add (local.get $oCol) (i32.mul (local.get $k) (local.get $oRow)))
                    (local.get $rows) (local.get $OW) (local.get $xStep) (local.get $xSkip) (local.get $dStep))))
                (br_if $khLoop (i32.lt_u (local.tee $kh (i32.add (local.get $kh) (i32.const 1))) (local.get $KH))))
              (local.set $c (i32.add (local.get $c) (i32.const 16)))
              (br $wide)))
            ;; Then 8 outputs at a time, four window values a pass.
            (block $midDone (loop $mid
              (br_if $midDone (i32.gt_u (i32.add (local.get $c) (i32.const 8)) (local.get $CO)))
              (local.set $dCol (i32.add (local.get $dChunk) (i32.shl (local.get $c) (i32.const 2))))
              (local.set $kh (i32.const 0))
              (loop $khLoop8
                (local.set $xRow (i32.add (local.get $xChunk)
                  (i32.shl (i32.mul (i32.mul (local.get $kh) (local.get $W)) (local.get $CI)) (i32.const 2))))
                (local.set $oCol (i32.add (local.get $out) (i32.shl
                  (i32.add (i32.mul (i32.mul (local.get $kh) (local.get $K)) (local.get $CO)) (local.get $c))
                  (i32.const 2))))
                (local.set $k (i32.const 0))
                (block $quadsDone (loop $quads
                  (br_if $quadsDone (i32.gt_u (i32.add (local.get $k) (i32.const 4)) (local.get $K)))
                  (call $tile4x8
                    (i32.add (local.get $xRow) (i32.shl (local.get $k) (i32.const 2)))
                    (local.get $dCol)
                    (i32.add (local.get $oCol) (i32.mul (local.get $k) (local.get $oRow)))
                    (local.get $rows) (local.get $OW) (local.get $xStep) (local.get $xSkip) (local.get $dStep)
                    (local.get $oRow))
                  (local.set $k (i32.add (local.get $k) (i32.const 4)))
                  (br $quads)))
                (block $restDone (loop $rest
                  (br_if $restDone (i32.ge_u (local.get $k) (local.get $K)))
                  (call $tile1x8
                    (i32.add (local.get $xRow) (i32.shl (local.get $k) (i32.const 2)))
                    (local.get $dCol)
                    (i32.add (local.get $oCol) (i32.mul (local.get $k) (local.get $oRow)))
                    (local.get $rows) (local.get $OW) (local.get $xStep) (local.get $xSkip) (local.get $dStep))
                  (local.set $k (i32.add (local.get $k) (i32.const 1)))
                  (br $rest)))
                (br_if $khLoop8 (i32.lt_u (local.tee $kh (i32.add (local.get $kh) (i32.const 1))) (local.get $KH))))
              (local.set $c (i32.add (local.get $c) (i32.const 8)))
              (br $mid)))
            ;; The last CO mod 8 outputs (four), one window value a pass.
            (block $narrowDone (loop $narrow
              (br_if $narrowDone (i32.gt_u (i32.add (local.get $c) (i32.const 4)) (local.get $CO)))
              (local.set $dCol (i32.add (local.get $dChunk) (i32.shl (local.get $c) (i32.const 2))))
              (local.set $kh (i32.const 0))
              (loop $khLoop4
                (local.set $xRow (i32.add (local.get $xChunk)
                  (i32.shl (i32.mul (i32.mul (local.get $kh) (local.get $W)) (local.get $CI)) (i32.const 2))))
                (local.set $oCol (i32.add (local.get $out) (i32.shl
                  (i32.add (i32.mul (i32.mul (local.get $kh) (local.get $K)) (local.get $CO)) (local.get $c))
                  (i32.const 2))))
                (local.set $k (i32.const 0))
                (loop $ks
                  (call $tile1x4
                    (i32.add (local.get $xRow) (i32.shl (local.get $k) (i32.const 2)))
                    (local.get $dCol)
                    (i32.add (local.get $oCol) (i32.mul (local.get $k) (local.get $oRow)))
                    (local.get $rows) (local.get $OW) (local.get $xStep) (local.get $xSkip) (local.get $dStep))
                  (br_if $ks (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $K))))
                (br_if $khLoop4 (i32.lt_u (local.tee $kh (i32.add (local.get $kh) (i32.const 1))) (local.get $KH))))
              (local.set $c (i32.add (local.get $c) (i32.const 4)))
              (br $narrow)))))
        (local.set $y0 (i32.add (local.get $y0) (local.get $R)))
        (br $chunk)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $batch))))
)
