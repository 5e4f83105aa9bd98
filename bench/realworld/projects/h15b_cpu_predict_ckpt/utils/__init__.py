# source: https://github.com/facebookresearch/fairchem/pull/250 https://github.com/av-savchenko/hsemotion/pull/1
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
from .checkpoint import load_checkpoint, save_checkpoint

__all__ = ["load_checkpoint", "save_checkpoint"]
