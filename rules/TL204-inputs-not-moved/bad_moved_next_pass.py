import torch
from torch import nn


def latency_probe(model, example):
    with torch.no_grad():
        return model(example).numel()


def distill_round(student, device):
    student.to(device)
    # ... a round of training on the device ...
    return student


def shrink_schedule(rounds=3):
    # The probe input is made once, on the CPU, for the CPU student; the first round
    # moves the student to the GPU, so the second pass of the loop runs the moved
    # student on the CPU probe.
    device = torch.device("cuda")
    student = nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 10))
    probe = torch.randn(1, 32)
    for _ in range(rounds):
        cost = latency_probe(student, probe)  # expect: TL204:39 lines=22,7,11
        student = distill_round(student, device)
        print(cost)
