# source: https://github.com/pytorch/serve/pull/256
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: multi-file, class, batch-dict
# bug-lines: 42, 62
# needs: torch, torchaudio, numpy, soundfile
# cpu: no written where torch was not installed; not run
"""TorchServe custom handler: POST an audio file, get the top music tags back."""
import json
import logging
import os

import torch

from audio_features import LogMelFrontend
from tagger_model import ShortChunkCNN

logger = logging.getLogger(__name__)


class MusicTagHandler:
    def __init__(self):
        self.initialized = False
        self.model = None
        self.frontend = None
        self.tags = []

    def initialize(self, context):
        properties = context.system_properties
        model_dir = properties.get("model_dir")
        gpu_id = properties.get("gpu_id")
        if torch.cuda.is_available() and gpu_id is not None:
            self.device = torch.device(f"cuda:{gpu_id}")
        else:
            self.device = torch.device("cpu")

        serialized = context.manifest["model"]["serializedFile"]
        state_dict = torch.load(os.path.join(model_dir, serialized), map_location=self.device)
        with open(os.path.join(model_dir, "tags.json")) as f:
            self.tags = json.load(f)

        self.model = ShortChunkCNN(n_mels=128, n_classes=len(self.tags))
        self.model.load_state_dict(state_dict)
        self.model.eval()
        self.frontend = LogMelFrontend(self.device)
        self.initialized = True
        logger.info("music tagger ready on %s", self.device)

    def preprocess(self, requests):
        batch = {"chunks": [], "owner": []}
        for i, req in enumerate(requests):
            payload = req.get("data") or req.get("body")
            logmel = self.frontend(payload)
            batch["chunks"].append(logmel)
            batch["owner"].extend([i] * logmel.shape[0])
        batch["chunks"] = torch.cat(batch["chunks"], dim=0)
        batch["owner"] = torch.tensor(batch["owner"], device=self.device)
        return batch

    @torch.no_grad()
    def inference(self, batch):
        probs = self.model(batch["chunks"])
        n_req = int(batch["owner"].max()) + 1
        summed = torch.zeros(n_req, probs.shape[1], device=self.device).index_add_(0, batch["owner"], probs)
        counts = torch.bincount(batch["owner"], minlength=n_req).clamp(min=1)
        return summed / counts[:, None]

    def postprocess(self, scores, k=5):
        top = scores.topk(k, dim=1)
        return [{self.tags[j]: round(float(s), 4) for s, j in zip(vals.tolist(), idx.tolist())}
                for vals, idx in zip(top.values, top.indices)]

    def handle(self, data, context):
        if not self.initialized:
            self.initialize(context)
        return self.postprocess(self.inference(self.preprocess(data)))


_service = MusicTagHandler()


def handle(data, context):
    return _service.handle(data, context)
