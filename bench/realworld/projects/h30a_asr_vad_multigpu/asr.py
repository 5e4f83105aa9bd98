# source: https://github.com/m-bain/whisperX/issues/785 https://github.com/m-bain/whisperX/pull/835
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0! (when checking argument for argument weight in method wrapper_CUDA__cudnn_batch_norm)
# pattern: current-gpu-mismatch
# shape: multi-file, class
# bug-lines: 35, 49
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn

from vad import load_vad_model, merge_chunks


class CTCSpeechEncoder(nn.Module):
    def __init__(self, vocab_size=32, dim=256):
        super().__init__()
        self.feature = nn.Sequential(nn.Conv1d(1, dim, 400, stride=320), nn.GELU())
        self.encoder = nn.GRU(dim, dim, num_layers=3, batch_first=True)
        self.out = nn.Linear(dim, vocab_size)

    def forward(self, wav):
        x, _ = self.encoder(self.feature(wav).transpose(1, 2))
        return self.out(x).log_softmax(-1)


class TranscriptionPipeline:
    def __init__(self, asr_model, vad_model, device, sample_rate=16000):
        self.model, self.vad_model = asr_model, vad_model
        self.device, self.sample_rate = device, sample_rate

    @torch.no_grad()
    def transcribe(self, audio: np.ndarray):
        wav = torch.from_numpy(audio).float().to(self.device).view(1, 1, -1)
        probs = self.vad_model(wav)[0]
        results = []
        for start, end in merge_chunks(probs, self.vad_model.onset):
            s, e = int(start * self.sample_rate), int(end * self.sample_rate)
            ids = self.model(wav[..., s:e]).argmax(-1)[0]
            results.append({"start": start, "end": end, "ids": ids.unique_consecutive().tolist()})
        return results


def load_model(checkpoint, device="cuda", device_id=0):
    asr_device = torch.device(f"{device}:{device_id}") if device == "cuda" else torch.device(device)
    asr_model = CTCSpeechEncoder()
    asr_model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    asr_model.eval().to(asr_device)
    vad_model = load_vad_model(torch.device(device))
    return TranscriptionPipeline(asr_model, vad_model, asr_device)
