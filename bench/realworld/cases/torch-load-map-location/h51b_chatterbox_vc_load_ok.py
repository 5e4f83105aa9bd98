# source: https://github.com/diodiogod/TTS-Audio-Suite/issues/252
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# looks-like: torch-load-map-location
# needs: torch
# cpu: no written where torch was not installed; not run
"""Loading a voice-changer (speech-to-speech) checkpoint on CUDA, Apple MPS or CPU.

The conditioning file was written on a CUDA machine; storages are remapped to
the CPU at load time and moved to the target device afterwards.
"""
import os

import torch


def resolve_device(requested="auto"):
    if requested != "auto":
        return torch.device(requested)
    if torch.cuda.is_available():
        return torch.device("cuda")
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def load_kwargs_for(device):
    # MPS cannot deserialize CUDA storages directly: always map to CPU first.
    return {"map_location": torch.device("cpu"), "weights_only": True}


class VoiceChangerBundle:
    def __init__(self, model_dir, device="auto"):
        self.device = resolve_device(device)
        self.model_dir = model_dir
        self.s3gen_state = None
        self.conds = None

    def load(self):
        kwargs = load_kwargs_for(self.device)
        self.s3gen_state = torch.load(os.path.join(self.model_dir, "s3gen.pt"), **kwargs)
        conds = torch.load(os.path.join(self.model_dir, "conds.pt"), **kwargs)
        self.conds = {k: v.to(self.device) if torch.is_tensor(v) else v for k, v in conds.items()}
        return self

    def build_generator(self, generator_cls):
        generator = generator_cls()
        generator.load_state_dict(self.s3gen_state)
        return generator.to(self.device).eval()


if __name__ == "__main__":
    import sys

    bundle = VoiceChangerBundle(sys.argv[1]).load()
    print(bundle.device, sorted(bundle.conds))
