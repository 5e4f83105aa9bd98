# source: https://github.com/pytorch/benchmark/pull/838
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device None, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, top-level
# looks-like: parallel-wrap-before-placement
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run

import argparse
import time

import torch

from bench_model import Model


def timed(fn, repeats):
    torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(repeats):
        fn()
    torch.cuda.synchronize()
    return (time.perf_counter() - start) / repeats


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--test", choices=["train", "eval"], default="train")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()

    if not torch.cuda.is_available():
        raise SystemExit("moco benchmark needs a CUDA device (DDP with device_ids)")

    bench = Model(test=args.test, device="cuda", batch_size=args.batch_size)
    fn = bench.train if args.test == "train" else bench.eval
    fn()  # warm-up
    latency = timed(fn, args.repeats)
    print(f"moco {args.test}: {latency * 1000:.1f} ms/iter (batch {args.batch_size})")
