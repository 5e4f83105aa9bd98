# source: https://github.com/dougbrion/pytorch-classification-uncertainty/issues/18
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: multi-file, helper, loader-loop
# bug-lines: 17, 18
# cpu: clean
# needs: torch
import torch


def get_device():
    use_cuda = torch.cuda.is_available()
    return torch.device("cuda:0" if use_cuda else "cpu")


def one_hot_embedding(labels, num_classes=10):
    y = torch.eye(num_classes)
    return y[labels]


def relu_evidence(logits):
    return torch.relu(logits)
