# source: https://github.com/invoke-ai/InvokeAI/pull/5164
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# looks-like: torch-load-map-location
# needs: torch, safetensors
# cpu: no written where torch was not installed; not run
import os

import torch


def _checkpoint_load_kwargs():
    kwargs = {"map_location": "cpu"}
    if "weights_only" in torch.load.__code__.co_varnames:
        kwargs["weights_only"] = True
    return kwargs


def read_checkpoint(path):
    if path.endswith(".safetensors"):
        from safetensors.torch import load_file

        return load_file(path, device="cpu")
    return torch.load(path, **_checkpoint_load_kwargs())


class ModelProbe:
    """Decides what kind of add-on a dropped file is, without touching the GPU."""

    def __init__(self, path):
        self.path = path
        self.state = read_checkpoint(path)

    def kind(self):
        keys = list(self.state.keys())
        if "string_to_param" in self.state or "emb_params" in self.state:
            return "textual_inversion"
        if any(k.startswith(("lora_unet_", "lora_te_")) or ".lora_down." in k for k in keys):
            return "lora"
        if len(keys) == 1 and torch.is_tensor(self.state[keys[0]]):
            return "textual_inversion"
        return "unknown"


def scan(folder):
    found = {}
    for fn in sorted(os.listdir(folder)):
        if fn.endswith((".pt", ".bin", ".safetensors")):
            found[fn] = ModelProbe(os.path.join(folder, fn)).kind()
    return found


if __name__ == "__main__":
    for name, kind in scan("models/addons").items():
        print(f"{name}: {kind}")
