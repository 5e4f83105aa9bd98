# source: https://github.com/neonbjb/tortoise-tts/issues/752
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, multi-file
# looks-like: torch-load-map-location
# needs: torch
# cpu: no written where torch was not installed; not run
"""Streaming-friendly TTS API (autoregressive GPT + HiFi-GAN decoder)."""

import torch

from checkpoint_utils import get_model_path, load_cpu_then_move, load_state, pick_device
from tortoise_models import HifiDecoder, UnifiedVoice, voice_latents


class TextToSpeech:
    def __init__(self, models_dir=None, device=None, half=False):
        self.device = pick_device(device)
        self.half = half and self.device.type == "cuda"
        kw = {} if models_dir is None else {"models_dir": models_dir}

        self.autoregressive = UnifiedVoice(max_mel_tokens=604, max_text_tokens=402,
                                           layers=30, model_dim=1024, heads=16)
        ar_state = load_cpu_then_move(get_model_path("autoregressive.pth", **kw))
        self.autoregressive.load_state_dict(ar_state, strict=False)
        self.autoregressive = self.autoregressive.to(self.device).eval()

        self.hifi_decoder = HifiDecoder(input_sample_rate=22050, output_sample_rate=24000)
        hifi_model = torch.load(get_model_path("hifidecoder.pth", **kw),
                                map_location=self.device)
        self.hifi_decoder.load_state_dict(hifi_model, strict=False)
        self.hifi_decoder = self.hifi_decoder.to(self.device).eval()

        self.rlg = load_state(get_model_path("rlg_auto.pth", **kw), self.device, key="rlg")
        self.tokenizer_table = torch.load(get_model_path("tokenizer_table.pt", **kw),
                                          torch.device("cpu"))

    @torch.no_grad()
    def tts(self, text_tokens, voice_samples, temperature=0.8):
        text_tokens = text_tokens.to(self.device).unsqueeze(0)
        cond_latents = voice_latents(voice_samples, self.autoregressive, self.device)
        with torch.autocast(self.device.type, enabled=self.half):
            codes, latents = self.autoregressive.inference_speech(
                cond_latents, text_tokens, do_sample=True, temperature=temperature,
                return_latent=True)
            wav = self.hifi_decoder.inference(latents, self.rlg.to(latents.dtype))
        return wav.float().cpu()
