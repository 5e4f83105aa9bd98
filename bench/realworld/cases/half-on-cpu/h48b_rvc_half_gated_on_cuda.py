# source: https://github.com/rsxdalv/TTS-WebUI/pull/74
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# looks-like: half-on-cpu
# needs: torch, numpy, librosa, soundfile
# cpu: no written where torch was not installed; not run
import argparse

import librosa
import numpy as np
import soundfile as sf
import torch
import torch.nn.functional as F

SLOW_HALF_CARDS = ("GTX 16", "P40", "P100", "1060", "1070", "1080")


def pick_device(requested):
    if requested == "cpu" or not torch.cuda.is_available():
        return torch.device("cpu")
    return torch.device("cuda:0" if requested == "auto" else requested)


def resolve_half(device, user_half):
    """Half precision only makes sense on a CUDA card that is fast at fp16."""
    if device.type != "cuda":
        return False
    name = torch.cuda.get_device_name(device)
    return user_half and not any(tag in name for tag in SLOW_HALF_CARDS)


class RVCInference:
    def __init__(self, hubert_path, voice_path, device="auto", is_half=False):
        self.device = pick_device(device)
        self.is_half = resolve_half(self.device, is_half)
        self.hubert = self._load(hubert_path)
        self.net_g = self._load(voice_path)

    def _load(self, path):
        model = torch.jit.load(path, map_location="cpu").eval().to(self.device)
        if self.is_half:
            model = model.half()
        else:
            model = model.float()
        return model

    @torch.no_grad()
    def convert(self, wav_path, sid=0):
        audio, _ = librosa.load(wav_path, sr=16000)
        feats = torch.from_numpy(audio).view(1, -1).to(self.device)
        feats = feats.half() if self.is_half else feats.float()
        units = self.hubert(feats)
        units = F.interpolate(units.transpose(1, 2), scale_factor=2).transpose(1, 2)
        speaker = torch.tensor([sid], dtype=torch.long, device=self.device)
        wav = self.net_g(units, speaker)[0, 0].float().cpu().numpy()
        return (np.clip(wav, -1.0, 1.0) * 32767).astype(np.int16)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="RVC voice conversion")
    parser.add_argument("input")
    parser.add_argument("--voice", default="weights/voice.pt")
    parser.add_argument("--device", default="auto")
    parser.add_argument("--half", action="store_true", help="use fp16 (GPU only)")
    args = parser.parse_args()

    rvc = RVCInference("assets/hubert_base.pt", args.voice, device=args.device, is_half=args.half)
    sf.write("converted.wav", rvc.convert(args.input), 40000)
