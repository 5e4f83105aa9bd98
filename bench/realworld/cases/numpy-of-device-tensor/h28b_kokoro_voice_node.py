# source: https://github.com/stavsap/comfyui-kokoro/issues/21
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, kokoro, huggingface_hub
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from huggingface_hub import hf_hub_download
from kokoro import KModel, KPipeline

REPO = "hexgrad/Kokoro-82M"
SAMPLE_RATE = 24000


def load_voice_pack(name):
    path = hf_hub_download(REPO, f"voices/{name}.pt")
    # packs were saved from a GPU session; keep them on the host
    pack = torch.load(path, map_location="cpu", weights_only=True)
    return pack.numpy()


class KokoroSpeaker:
    CATEGORY = "audio/tts"
    RETURN_TYPES = ("AUDIO",)
    FUNCTION = "speak"

    def __init__(self):
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.model = KModel(repo_id=REPO).to(self.device).eval()
        self.g2p = KPipeline(lang_code="a", repo_id=REPO, model=False)
        self.voices = {}

    def _reference(self, voice, n_phonemes):
        if voice not in self.voices:
            self.voices[voice] = load_voice_pack(voice)
        pack = self.voices[voice]
        row = pack[min(n_phonemes, len(pack)) - 1]
        return torch.from_numpy(np.ascontiguousarray(row)).to(self.device)

    @torch.no_grad()
    def speak(self, text, voice="af_heart", speed=1.0):
        chunks = []
        for _, phonemes, _ in self.g2p(text):
            ref_s = self._reference(voice, len(phonemes))
            audio = self.model(phonemes, ref_s, speed)
            chunks.append(audio.detach().float().cpu().numpy())
        waveform = np.concatenate(chunks) if chunks else np.zeros(1, dtype=np.float32)
        tensor = torch.from_numpy(waveform)[None, None]
        return ({"waveform": tensor, "sample_rate": SAMPLE_RATE},)


NODE_CLASS_MAPPINGS = {"KokoroSpeaker": KokoroSpeaker}
