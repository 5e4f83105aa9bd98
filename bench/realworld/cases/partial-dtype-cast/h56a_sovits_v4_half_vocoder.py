# source: https://github.com/RVC-Boss/GPT-SoVITS/issues/2493
# error: RuntimeError: Input type (c10::Half) and bias type (float) should be the same
# pattern: partial-dtype-cast
# shape: class, helper
# bug-lines: 47, 55, 70
# needs: torch
# cpu: no written where torch was not installed; not run
"""Text-to-speech pipeline: semantic tokens -> VITS mel -> BigVGAN-style vocoder."""

from dataclasses import dataclass

import torch

from sovits.models import SynthesizerTrnV4
from sovits.vocoder import BigVGANGenerator


@dataclass
class TTSConfig:
    device: str = "cuda"
    is_half: bool = True
    vits_weights_path: str = "pretrained_models/s2Gv4.pth"
    vocoder_weights_path: str = "pretrained_models/vocoder.pth"
    sampling_rate: int = 48000


def load_generator_state(path):
    ckpt = torch.load(path, map_location="cpu", weights_only=False)
    return ckpt["weight"] if "weight" in ckpt else ckpt


class TTS:
    def __init__(self, configs: TTSConfig):
        self.configs = configs
        self.precision = torch.float16 if configs.is_half else torch.float32
        self.vits_model = None
        self.vocoder = None
        self.init_vits_weights(configs.vits_weights_path)
        self.init_vocoder(configs.vocoder_weights_path)

    def init_vits_weights(self, weights_path):
        print(f"Loading VITS weights from {weights_path}.")
        vits_model = SynthesizerTrnV4(n_mel_channels=100)
        vits_model.load_state_dict(load_generator_state(weights_path), strict=False)
        vits_model = vits_model.to(self.configs.device)
        if self.configs.is_half:
            vits_model = vits_model.half()
        self.vits_model = vits_model.eval()

    def init_vocoder(self, weights_path):
        print("loading vocoder", end=" ")
        vocoder = BigVGANGenerator(num_mels=100, upsample_rates=[10, 6, 2, 2, 2])
        print(vocoder.load_state_dict(load_generator_state(weights_path)))
        vocoder.remove_weight_norm()
        self.vocoder = vocoder.to(self.configs.device).eval()

    @torch.no_grad()
    def synthesize(self, semantic_tokens, phones, refer_spec, speed=1.0):
        device = self.configs.device
        semantic_tokens = semantic_tokens.to(device)
        phones = phones.to(device)
        refer_spec = refer_spec.to(device=device, dtype=self.precision)
        mel = self.vits_model.decode_mel(semantic_tokens, phones, refer_spec,
                                         speed=speed)
        return self.mel_to_wav(mel)

    def mel_to_wav(self, mel):
        # the v4 acoustic model emits normalised log-mels in [-1, 1]
        mel = (mel + 1.0) / 2.0 * 12.0 - 11.5
        return self.vocoder(mel).squeeze(1).float().cpu().numpy()
