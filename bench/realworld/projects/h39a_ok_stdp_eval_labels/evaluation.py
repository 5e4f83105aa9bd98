# source: https://github.com/oshears/fpga_snn_models/issues/1
# error: RuntimeError: expected device cuda:0 but got device cpu
# pattern: inputs-not-moved
# shape: multi-file, helper
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


def assign_labels(spikes, labels, n_labels, rates=None, alpha=1.0):
    """spikes: (n_samples, time, n_neurons); labels: (n_samples,) on the same device."""
    n_neurons = spikes.size(2)
    if rates is None:
        rates = torch.zeros(n_neurons, n_labels, device=spikes.device)
    spikes = spikes.sum(1)
    for i in range(n_labels):
        n_labeled = torch.sum(labels == i).float()
        if n_labeled > 0:
            indices = torch.nonzero(labels == i).view(-1)
            rates[:, i] = alpha * rates[:, i] + torch.sum(spikes[indices], 0) / n_labeled
    proportions = rates / rates.sum(1, keepdim=True).clamp(min=1e-8)
    assignments = torch.max(proportions, 1)[1]
    return assignments, proportions, rates


def all_activity(spikes, assignments, n_labels):
    n_samples = spikes.size(0)
    spikes = spikes.sum(1)
    rates = torch.zeros(n_samples, n_labels, device=spikes.device)
    for i in range(n_labels):
        n_assigns = torch.sum(assignments == i).float()
        if n_assigns > 0:
            indices = torch.nonzero(assignments == i).view(-1)
            rates[:, i] = torch.sum(spikes[:, indices], 1) / n_assigns
    return torch.sort(rates, dim=1, descending=True)[1][:, 0]


def proportion_weighting(spikes, assignments, proportions, n_labels):
    n_samples = spikes.size(0)
    spikes = spikes.sum(1)
    rates = torch.zeros(n_samples, n_labels, device=spikes.device)
    for i in range(n_labels):
        n_assigns = torch.sum(assignments == i).float()
        if n_assigns > 0:
            indices = torch.nonzero(assignments == i).view(-1)
            rates[:, i] += torch.sum(proportions[:, i][indices] * spikes[:, indices], 1) / n_assigns
    return torch.sort(rates, dim=1, descending=True)[1][:, 0]
