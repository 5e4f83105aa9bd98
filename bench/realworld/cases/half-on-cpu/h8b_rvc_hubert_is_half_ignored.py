# source: https://github.com/rsxdalv/TTS-WebUI/issues/71
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# bug-lines: 37, 47
# needs: torch, transformers, numpy
# cpu: no written where torch was not installed; not run
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from transformers import HubertModel


@dataclass
class Config:
    device: str = "cpu"
    is_half: bool = False
    hubert_path: str = "models/hubert_base"
    sample_rate: int = 16000

    @classmethod
    def from_ui(cls, device_choice, use_half):
        device = "cuda:0" if device_choice == "GPU" and torch.cuda.is_available() else "cpu"
        return cls(device=device, is_half=use_half and device != "cpu")


class VoiceConverter:
    def __init__(self, config):
        self.config = config
        self.hubert = self.load_hubert()

    def load_hubert(self):
        model = HubertModel.from_pretrained(self.config.hubert_path)
        model = model.to(self.config.device)
        model = model.half()
        model.eval()
        return model

    def extract_features(self, audio):
        wav = torch.from_numpy(audio).float()
        if wav.dim() == 2:
            wav = wav.mean(-1)
        wav = F.layer_norm(wav, wav.shape).view(1, -1)
        with torch.no_grad():
            feats = self.hubert(wav.to(self.config.device).half()).last_hidden_state
        return feats.float().cpu().numpy()

    def convert(self, audio, f0_up_key=0):
        feats = self.extract_features(audio)
        # the synthesizer part is left out: pitch shifting and vocoding operate on feats
        return feats * (2 ** (f0_up_key / 12))


if __name__ == "__main__":
    cfg = Config.from_ui(device_choice="CPU", use_half=False)
    vc = VoiceConverter(cfg)
    audio = np.random.uniform(-0.5, 0.5, cfg.sample_rate * 2).astype(np.float32)
    print(vc.convert(audio).shape)
