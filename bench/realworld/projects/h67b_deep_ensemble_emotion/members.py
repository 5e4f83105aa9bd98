# source: https://github.com/PiotrSobczak/speech-emotion-recognition/issues/12
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-not-placed
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
"""Loading of the separately trained ensemble members."""
import json

import torch

from models import AcousticCNN, LinguisticLSTM


def load_member(model, weights_path, device):
    model = model.to(device)
    state = torch.load(weights_path, map_location=device)
    model.load_state_dict(state)
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    return model


def load_members(acoustic_path, linguistic_path, device):
    with open(linguistic_path.replace(".torch", ".json")) as f:
        ling_cfg = json.load(f)
    acoustic = load_member(AcousticCNN(), acoustic_path, device)
    linguistic = load_member(LinguisticLSTM(ling_cfg["vocab_size"]), linguistic_path, device)
    return acoustic, linguistic
