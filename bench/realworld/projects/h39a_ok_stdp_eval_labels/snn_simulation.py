# source: https://github.com/oshears/fpga_snn_models/issues/1
# error: RuntimeError: expected device cuda:0 but got device cpu
# pattern: inputs-not-moved
# shape: multi-file, loader-loop
# looks-like: inputs-not-moved
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torchvision
import torchvision.transforms as T

from evaluation import all_activity, assign_labels, proportion_weighting

n_neurons, n_classes, time_steps, update_interval = 100, 10, 250, 250
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

weights = torch.rand(784, n_neurons, device=device) * 0.3
mnist = torchvision.datasets.MNIST("./data", train=True, download=True, transform=T.ToTensor())


def run_lif(image, thresh=5.0, decay=0.99):
    rates = image.view(-1).to(device) * 0.25
    v = torch.zeros(n_neurons, device=device)
    record = torch.zeros(time_steps, n_neurons, device=device)
    for t in range(time_steps):
        in_spikes = (torch.rand(784, device=device) < rates).float()
        v = decay * v + in_spikes @ weights
        fired = v > thresh
        record[t] = fired.float()
        v[fired] = 0.0
    return record


spike_record = torch.zeros(update_interval, time_steps, n_neurons, device=device)
labels = []
assignments = proportions = rates = None
accuracy = {"all": [], "proportion": []}

for step, (image, label) in enumerate(mnist):
    if step > 0 and step % update_interval == 0:
        label_tensor = torch.tensor(labels, device=device)
        if assignments is not None:
            all_activity_pred = all_activity(spike_record, assignments, n_classes)
            proportion_pred = proportion_weighting(spike_record, assignments, proportions, n_classes)
            accuracy["all"].append(100 * torch.sum(label_tensor.long() == all_activity_pred).item() / len(label_tensor))
            accuracy["proportion"].append(100 * torch.sum(label_tensor.long() == proportion_pred).item() / len(label_tensor))
            print(f"step {step}: all {accuracy['all'][-1]:.1f}%  proportion {accuracy['proportion'][-1]:.1f}%")
        assignments, proportions, rates = assign_labels(spike_record, label_tensor, n_classes, rates)
        labels = []
    labels.append(label)
    spike_record[step % update_interval] = run_lif(image)
    if step >= 5000:
        break
