import torch
from torch import nn


def latency_probe(model, example):
    with torch.no_grad():
        return model(example).numel()


def distill_round(student, device):
    student.to(device)
    # ... a round of training on the device ...
    return student.cpu()


def shrink_schedule(rounds=3):
    # Each round hands the student back on the CPU, so every pass of the loop probes
    # the CPU student with the CPU input.
    device = torch.device("cuda")
    student = nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 10))
    probe = torch.randn(1, 32)
    for _ in range(rounds):
        cost = latency_probe(student, probe)
        student = distill_round(student, device)
        print(cost)


def probe_on_device(rounds=3):
    # The probe follows the student to the device before it is run.
    device = torch.device("cuda")
    student = nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 10))
    probe = torch.randn(1, 32)
    for _ in range(rounds):
        cost = latency_probe(student, probe.to(next(student.parameters()).device))
        student = distill_round(student, device).to(device)
        print(cost)
