# source: https://github.com/huggingface/lerobot/pull/126
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: multi-file, helper
# bug-lines: 26
# needs: torch
# cpu: no written where torch was not installed; not run
import torch

from act_policy import ACTConfig, ACTPolicy


def get_safe_torch_device(name):
    if name.startswith("cuda") and not torch.cuda.is_available():
        return torch.device("cpu")
    return torch.device(name)


def make_policy(cfg, pretrained_policy_name_or_path=None, dataset_stats=None):
    if not (pretrained_policy_name_or_path is None) ^ (dataset_stats is None):
        raise ValueError("Exactly one of `pretrained_policy_name_or_path` and `dataset_stats` must be provided.")
    if pretrained_policy_name_or_path is None:
        policy = ACTPolicy(ACTConfig(), dataset_stats)
        policy.to(get_safe_torch_device(cfg["device"]))
    else:
        policy = ACTPolicy.from_pretrained(pretrained_policy_name_or_path)
    return policy
