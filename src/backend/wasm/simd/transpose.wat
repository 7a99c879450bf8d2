;; out[b][c][r] = in[b][r][c]: the last two axes of a float32 tensor swapped, in 4x4 blocks of
;; SIMD shuffles. tfjs-wasm's Transpose goes through generic strides, one float at a time; the
;; matmuls with a transposed operand (matmul.ts) need one every step (docs/performance.md).
(module
  (import "env" "memory" (memory 1 65536 MEMORY_SHARING))

  (func (export "transpose")
    (param $in i32) (param $out i32) (param $batch i32) (param $R i32) (param $C i32)
    (local $b i32) (local $r i32) (local $c i32) (local $c0 i32) (local $cEnd i32)
    (local $R4 i32) (local $C4 i32) (local $inM i32) (local $outM i32)
    (local $src i32) (local $dst i32) (local $inRow i32) (local $outRow i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $R4 (i32.and (local.get $R) (i32.const -4)))
    (local.set $C4 (i32.and (local.get $C) (i32.const -4)))
    (local.set $inRow (i32.shl (local.get $C) (i32.const 2)))
    (local.set $outRow (i32.shl (local.get $R) (i32.const 2)))
    (local.set $inM (local.get $in))
    (local.set $outM (local.get $out))
    (local.set $b (i32.const 0))
    (block $batchDone (loop $batchLoop
      (br_if $batchDone (i32.ge_u (local.get $b) (local.get $batch)))
      ;; Whole 4x4 blocks, 64 columns at a time so the 64 output rows being written stay cached.
      (local.set $c0 (i32.const 0))
      (block $stripesDone (loop $stripes
        (br_if $stripesDone (i32.ge_u (local.get $c0) (local.get $C4)))
        (local.set $cEnd (select (i32.add (local.get $c0) (i32.const 64)) (local.get $C4)
          (i32.lt_u (i32.add (local.get $c0) (i32.const 64)) (local.get $C4))))
        (local.set $r (i32.const 0))
        (block $rowsDone (loop $rows
          (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $R4)))
          (local.set $c (local.get $c0))
          (loop $cols
            ;; src = in[r][c], dst = out[c][r]
            (local.set $src (i32.add (local.get $inM) (i32.shl
              (i32.add (i32.mul (local.get $r) (local.get $C)) (local.get $c)) (i32.const 2))))
            (local.set $dst (i32.add (local.get $outM) (i32.shl
              (i32.add (i32.mul (local.get $c) (local.get $R)) (local.get $r)) (i32.const 2))))
            (local.set $v0 (v128.load (local.get $src)))
            (local.set $v1 (v128.load (i32.add (local.get $src) (local.get $inRow))))
            (local.set $v2 (v128.load (i32.add (local.get $src) (i32.shl (local.get $inRow) (i32.const 1)))))
            (local.set $v3 (v128.load (i32.add (local.get $src) (i32.mul (local.get $inRow) (i32.const 3)))))
            ;; t0 = v0[0] v1[0] v0[1] v1[1], t1 = v0[2] v1[2] v0[3] v1[3], t2/t3 the same for v2, v3
            (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v0) (local.get $v1)))
            (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v0) (local.get $v1)))
            (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v2) (local.get $v3)))
            (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v2) (local.get $v3)))
            ;; column j of the block = v0[j] v1[j] v2[j] v3[j]
            (v128.store (local.get $dst)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
            (v128.store (i32.add (local.get $dst) (local.get $outRow))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
            (v128.store (i32.add (local.get $dst) (i32.shl (local.get $outRow) (i32.const 1)))
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
            (v128.store (i32.add (local.get $dst) (i32.mul (local.get $outRow) (i32.const 3)))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
            (br_if $cols (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 4))) (local.get $cEnd))))
          (local.set $r (i32.add (local.get $r) (i32.const 4)))
          (br $rows)))
        (local.set $c0 (local.get $cEnd))
        (br $stripes)))
      ;; The edges one float at a time: rows past R4 (all columns), columns past C4 (rows < R4).
      (local.set $r (i32.const 0))
      (block $edgeDone (loop $edge
        (br_if $edgeDone (i32.ge_u (local.get $r) (local.get $R)))
        (local.set $c (select (i32.const 0) (local.get $C4) (i32.ge_u (local.get $r) (local.get $R4))))
        (block $edgeColsDone (loop $edgeCols
          (br_if $edgeColsDone (i32.ge_u (local.get $c) (local.get $C)))
          (f32.store
            (i32.add (local.get $outM) (i32.shl (i32.add (i32.mul (local.get $c) (local.get $R)) (local.get $r)) (i32.const 2)))
            (f32.load (i32.add (local.get $inM) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $C)) (local.get $c)) (i32.const 2)))))
          (local.set $c (i32.add (local.get $c) (i32.const 1)))
          (br $edgeCols)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $edge)))
      (local.set $inM (i32.add (local.get $inM) (i32.mul (local.get $R) (local.get $inRow))))
      (local.set $outM (i32.add (local.get $outM) (i32.mul (local.get $R) (local.get $inRow))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $batchLoop))))
)
