# source: https://github.com/janhq/ichigo/pull/219
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# cpu: clean
# needs: torch
import os

import torch

DEFAULT_CACHE = os.path.join(torch.hub.get_dir(), "ichigo")


def resolve_checkpoint(ref, cache_dir=DEFAULT_CACHE):
    if os.path.exists(ref):
        return ref
    repo_id, _, filename = ref.partition(":")
    candidate = os.path.join(cache_dir, repo_id.replace("/", "--"), filename or "model.pth")
    if not os.path.exists(candidate):
        raise FileNotFoundError(f"checkpoint {ref!r} not found in {cache_dir}; download it first")
    return candidate
