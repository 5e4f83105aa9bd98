# source: https://github.com/LikeLy-Journey/SegmenTron/issues/44
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location='cpu' to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file
# looks-like: torch-load-map-location
# needs: torch, pyyaml
# cpu: no written where torch was not installed; not run
import yaml

import torch


class Config(dict):
    __getattr__ = dict.__getitem__

    @classmethod
    def from_yaml(cls, path):
        with open(path) as fh:
            raw = yaml.safe_load(fh)
        return cls({k.upper(): (cls(v) if isinstance(v, dict) else v) for k, v in raw.items()})


def resolve_device(cfg):
    wanted = cfg.get("DEVICE", "cuda")
    if wanted.startswith("cuda") and not torch.cuda.is_available():
        print("CUDA not available, falling back to CPU")
        wanted = "cpu"
    cfg["DEVICE"] = wanted
    return torch.device(wanted)


DEFAULTS = Config({
    "DEVICE": "cuda",
    "MODEL": Config({"NAME": "deeplabv3_plus", "NUM_CLASSES": 2}),
    "TEST": Config({"TEST_MODEL_PATH": "runs/glas_deeplab/best_model.pth", "CROP_SIZE": 512}),
})
