# source: https://github.com/leggedrobotics/rsl_rl/pull/189
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: stale-alias
# shape: multi-file, class
# bug-lines: 22, 34
# needs: torch
# cpu: no written where torch was not installed; not run
import copy
import os

import torch
import torch.nn as nn


class OnnxDepthPolicy(nn.Module):
    """Deployment wrapper: normalizer + per-camera CNNs + actor MLP, exported for the robot."""

    def __init__(self, policy):
        super().__init__()
        self.groups = list(policy.obs_groups_2d)
        self.obs_normalizer = copy.deepcopy(policy.obs_normalizer)
        self.cnns = nn.ModuleList([policy.cnns[g] for g in self.groups])
        self.mlp = copy.deepcopy(policy.mlp)

    def forward(self, proprio, depth_front, depth_rear):
        latents = [cnn(img) for cnn, img in zip(self.cnns, (depth_front, depth_rear))]
        return self.mlp(torch.cat([self.obs_normalizer(proprio)] + latents, dim=-1))


def export_policy_as_onnx(policy, path, filename="policy.onnx", num_proprio=48, depth_hw=(58, 87)):
    os.makedirs(path, exist_ok=True)
    wrapper = OnnxDepthPolicy(policy)
    wrapper.eval()
    wrapper.to("cpu")
    dummy = (torch.zeros(1, num_proprio), torch.zeros(1, 1, *depth_hw), torch.zeros(1, 1, *depth_hw))
    torch.onnx.export(wrapper, dummy, os.path.join(path, filename), opset_version=17,
                      input_names=["proprio", "depth_front", "depth_rear"], output_names=["actions"])
