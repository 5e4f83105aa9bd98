# source: https://github.com/pytorch/serve/issues/105
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: class, helper
# looks-like: current-gpu-mismatch
# needs: torch, ts
# cpu: no written where torch was not installed; not run
"""TorchServe handler for the mel -> waveform vocoder.

TorchServe starts one worker process per GPU and passes its index in
system_properties["gpu_id"]; each worker pins itself to that device.
"""
import io
import json
import os

import torch
from ts.torch_handler.base_handler import BaseHandler


class VocoderHandler(BaseHandler):
    def initialize(self, context):
        properties = context.system_properties
        model_dir = properties.get("model_dir")
        if torch.cuda.is_available() and properties.get("gpu_id") is not None:
            self.device = torch.device(f"cuda:{properties.get('gpu_id')}")
            torch.cuda.set_device(self.device)
        else:
            self.device = torch.device("cpu")
        self.model = torch.jit.load(os.path.join(model_dir, "vocoder.pt"), map_location=self.device)
        self.model.eval()
        with open(os.path.join(model_dir, "config.json")) as f:
            self.hop_length = json.load(f)["hop_length"]
        self.initialized = True

    def preprocess(self, requests):
        mels = []
        for req in requests:
            body = req.get("data") or req.get("body")
            mels.append(torch.load(io.BytesIO(body), map_location="cpu"))
        max_frames = max(m.shape[-1] for m in mels)
        if self.device.type == "cuda":
            with torch.cuda.device(self.device):
                batch = torch.zeros(len(mels), mels[0].shape[0], max_frames, device="cuda")
        else:
            batch = torch.zeros(len(mels), mels[0].shape[0], max_frames)
        for i, m in enumerate(mels):
            batch[i, :, : m.shape[-1]] = m
        return batch, [m.shape[-1] for m in mels]

    def inference(self, data, *args, **kwargs):
        batch, lengths = data
        with torch.no_grad():
            audio = self.model(batch.to(self.device))
        return audio, lengths

    def postprocess(self, data):
        audio, lengths = data
        audio = audio.squeeze(1).cpu()
        return [audio[i, : n * self.hop_length].tolist() for i, n in enumerate(lengths)]
