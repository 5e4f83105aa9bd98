# source: https://github.com/facebookresearch/seamless_communication/pull/54
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# looks-like: half-on-cpu
# needs: torch, transformers, soundfile
# cpu: no written where torch was not installed; not run
"""Speech-to-text translation CLI that runs fp16 on GPU and fp32 on CPU-only hosts."""
import argparse
import os

import soundfile as sf
import torch
from transformers import AutoProcessor, SeamlessM4Tv2ForSpeechToText


def pick_device(requested=None):
    if requested:
        return torch.device(requested)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


class SpeechTranslator:
    def __init__(self, model_name, tgt_lang="eng", device=None):
        self.device = pick_device(device)
        self.tgt_lang = tgt_lang
        self.processor = AutoProcessor.from_pretrained(model_name)
        model = SeamlessM4Tv2ForSpeechToText.from_pretrained(model_name)
        if self.device.type == "cuda":
            # fp16 kernels only exist on the GPU path
            model = model.half()
        else:
            model = model.float()
        self.model = model.to(self.device).eval()

    def _prepare(self, wav, sr):
        inputs = self.processor(audios=wav, sampling_rate=sr, return_tensors="pt")
        prepared = {}
        for key, value in inputs.items():
            if value.is_floating_point():
                value = value.to(dtype=self.model.dtype)
            prepared[key] = value.to(self.device)
        return prepared

    @torch.inference_mode()
    def translate(self, wav_path):
        wav, sr = sf.read(wav_path, dtype="float32")
        inputs = self._prepare(wav, sr)
        tokens = self.model.generate(**inputs, tgt_lang=self.tgt_lang, max_new_tokens=256)
        return self.processor.batch_decode(tokens, skip_special_tokens=True)[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("audio_dir")
    parser.add_argument("--model", default="facebook/seamless-m4t-v2-large")
    parser.add_argument("--tgt-lang", default="eng")
    parser.add_argument("--device", default=None)
    args = parser.parse_args()

    translator = SpeechTranslator(args.model, args.tgt_lang, args.device)
    for name in sorted(os.listdir(args.audio_dir)):
        if name.endswith(".wav"):
            text = translator.translate(os.path.join(args.audio_dir, name))
            print(f"{name}\t{text}")


if __name__ == "__main__":
    main()
