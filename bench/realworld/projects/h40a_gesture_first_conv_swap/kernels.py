# source: https://github.com/ahmetgunduz/Real-time-GesRec/issues/48
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-added-after-placement
# shape: multi-file, helper
# bug-lines: 20, 23
# needs: torch
# cpu: no written where torch was not installed; not run
"""Swap the first 3D conv so the temporal kernel / input modality match the clip setup."""
import torch.nn as nn


def _first_conv(model):
    modules = list(model.modules())
    idx = next(i for i, m in enumerate(modules) if isinstance(m, nn.Conv3d))
    return modules[idx], modules[idx - 1]


def modify_first_conv_layer(model, temporal_kernel, in_channels):
    conv, container = _first_conv(model)
    new_conv = nn.Conv3d(in_channels, conv.out_channels, kernel_size=(temporal_kernel, 7, 7),
                         stride=(1, 2, 2), padding=(temporal_kernel // 2, 3, 3), bias=False)
    layer_name = list(container.state_dict().keys())[0][:-len(".weight")]
    setattr(container, layer_name, new_conv)
    return model


def modify_kernels(model, modality, temporal_kernel=3):
    if modality == "RGB":
        return modify_first_conv_layer(model, temporal_kernel, 3)
    if modality == "Depth":
        return modify_first_conv_layer(model, temporal_kernel, 1)
    if modality == "RGB-D":
        return modify_first_conv_layer(model, temporal_kernel, 4)
    raise ValueError(f"unknown modality {modality}")
