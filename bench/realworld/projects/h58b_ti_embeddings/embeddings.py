# source: https://github.com/AUTOMATIC1111/stable-diffusion-webui/issues/608
# error: RuntimeError: Attempting to deserialize object on CUDA device 1 but torch.cuda.device_count() is 1. Please use torch.load with map_location to map your storages to an existing device.
# pattern: torch-load-map-location
# shape: multi-file, class, helper
# bug-lines: 23
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch


class EmbeddingDatabase:
    """Textual-inversion embeddings dropped into a folder by the trainer."""

    def __init__(self, dirname):
        self.dirname = dirname
        self.word_embeddings = {}
        self.skipped = []

    def load_file(self, path):
        name = os.path.splitext(os.path.basename(path))[0]
        data = torch.load(path)
        if "string_to_param" in data:
            vec = next(iter(data["string_to_param"].values()))
        elif isinstance(data, dict) and len(data) == 1:
            vec = next(iter(data.values()))
        else:
            self.skipped.append(name)
            return
        self.word_embeddings[name] = vec.detach().float()

    def load_all(self):
        if not os.path.isdir(self.dirname):
            return {}
        for fn in sorted(os.listdir(self.dirname)):
            if fn.endswith((".pt", ".bin")):
                self.load_file(os.path.join(self.dirname, fn))
        return self.word_embeddings
