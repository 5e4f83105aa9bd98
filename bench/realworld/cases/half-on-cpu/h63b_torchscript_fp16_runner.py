# source: https://github.com/AmpereComputingAI/ampere_model_library/issues/152
# error: RuntimeError: "rsqrt_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper, loader-loop
# bug-lines: 24, 25
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Throughput benchmark for TorchScript image classifiers on our ARM servers.

  python run_benchmark.py --model resnet50 --precision fp16 --batch-size 16
"""
import argparse
import time

import torch
import torchvision


class TorchScriptRunner:
    def __init__(self, model, example_input, precision="fp32"):
        model.eval()
        self.dtype = torch.float16 if precision == "fp16" else torch.float32
        if precision == "fp16":
            model = model.half()
        example_input = example_input.to(self.dtype)
        with torch.no_grad():
            traced = torch.jit.trace(model, example_input)
            self.model = torch.jit.freeze(traced)
        self.latencies = []

    def run(self, batch):
        start = time.perf_counter()
        with torch.no_grad():
            out = self.model(batch.to(self.dtype))
        self.latencies.append(time.perf_counter() - start)
        return out


def synthetic_batches(n, batch_size, size=224):
    for _ in range(n):
        yield torch.rand(batch_size, 3, size, size)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="resnet50")
    parser.add_argument("--precision", choices=["fp32", "fp16"], default="fp32")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--iters", type=int, default=50)
    args = parser.parse_args()

    torch.set_num_threads(64)
    model = getattr(torchvision.models, args.model)(weights="DEFAULT")
    example = torch.rand(args.batch_size, 3, 224, 224)
    runner = TorchScriptRunner(model, example, precision=args.precision)
    for batch in synthetic_batches(args.iters, args.batch_size):
        runner.run(batch)
    lat = sorted(runner.latencies[5:])
    print(f"{args.model} {args.precision}: p50 {lat[len(lat) // 2] * 1000:.1f} ms, "
          f"{args.batch_size / lat[len(lat) // 2]:.1f} img/s")


if __name__ == "__main__":
    main()
