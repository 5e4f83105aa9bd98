#!/usr/bin/env python3
"""What the runtime check costs: a small and a large MLP, forward and a training step
(forward, backward, AdamW), plain on the CPU against the same work under
``torchlint.runtime.check`` (record-only, and with simulated CUDA). One thread; the
settings take turns in each round, and the ratios are the medians of the per-round
ratios. The figures go into docs/runtime.md.

    python bench/runtime_overhead.py [--rounds 7] [--threads 1]
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import statistics
import time
from collections.abc import Callable, Iterator
from typing import Any

import torch
from torch import nn

from torchlint.runtime import check

CASES = {
    # name: (widths, batch)
    "small MLP 64-128-128-10, batch 32": ([64, 128, 128, 10], 32),
    "large MLP 1024-1024-1024-1024, batch 256": ([1024, 1024, 1024, 1024], 256),
}


def mlp(widths: list[int]) -> nn.Module:
    layers: list[nn.Module] = []
    for a, b in itertools.pairwise(widths):
        layers += [nn.Linear(a, b), nn.ReLU()]
    return nn.Sequential(*layers[:-1])


def calls_per_round(fn: Callable[[], Any], min_time: float) -> int:
    fn()  # warm up
    n = 1
    while True:
        start = time.perf_counter()
        for _ in range(n):
            fn()
        if time.perf_counter() - start >= min_time:
            return n
        n *= 2


@contextlib.contextmanager
def setting(name: str) -> Iterator[str]:
    if name == "plain":
        yield "cpu"
    elif name == "record":
        with check(simulate_cuda=False):
            yield "cpu"
    else:
        with check(simulate_cuda=True):
            yield "cuda"


SETTINGS = ("plain", "record", "simulate")


def work(
    model: nn.Module, x: torch.Tensor, y: torch.Tensor, opt: torch.optim.Optimizer
) -> tuple[Callable[[], None], Callable[[], None]]:
    def forward() -> None:
        with torch.no_grad():
            model(x)

    def step() -> None:
        opt.zero_grad(set_to_none=True)
        nn.functional.cross_entropy(model(x), y).backward()
        opt.step()

    return forward, step


def measure(widths: list[int], batch: int, rounds: int) -> dict[str, list[list[float]]]:
    """Seconds per call, [forward, train step] per round, for each setting. The
    settings take turns within each round, so a busy machine slows all of them alike."""
    torch.manual_seed(0)
    model = mlp(widths)
    x_cpu = torch.randn(batch, widths[0])
    y_cpu = torch.randint(0, widths[-1], (batch,))
    counts: list[int] = []
    out: dict[str, list[list[float]]] = {name: [] for name in SETTINGS}
    for _ in range(rounds):
        for name in SETTINGS:
            with setting(name) as device:
                model.to(device)
                x, y = x_cpu.to(device), y_cpu.to(device)

                forward, step = work(model, x, y, torch.optim.AdamW(model.parameters()))
                if not counts:
                    counts = [calls_per_round(forward, 0.2), calls_per_round(step, 0.2)]
                times = []
                for fn, n in zip((forward, step), counts, strict=True):
                    fn()
                    start = time.perf_counter()
                    for _ in range(n):
                        fn()
                    times.append((time.perf_counter() - start) / n)
                out[name].append(times)
                model.to("cpu")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, {args.threads} thread(s), median of {args.rounds} rounds")
    print(
        f"{'case':44} {'work':8} {'plain':>10} {'record-only':>12} {'x':>6} "
        f"{'simulated':>10} {'x':>6}"
    )
    for name, (widths, batch) in CASES.items():
        got = measure(widths, batch, args.rounds)
        for i, work in enumerate(("forward", "train")):
            plain = statistics.median(t[i] for t in got["plain"])
            cells = [f"{plain * 1e6:8.0f}us"]
            for setting_name, width in (("record", 10), ("simulate", 8)):
                median = statistics.median(t[i] for t in got[setting_name])
                # The ratio: the median of the per-round ratios (same round, same load).
                ratio = statistics.median(
                    t[i] / p[i] for t, p in zip(got[setting_name], got["plain"], strict=True)
                )
                cells.append(f"{median * 1e6:{width}.0f}us {ratio:5.2f}x")
            print(f"{name:44} {work:8} " + " ".join(cells))


if __name__ == "__main__":
    main()
