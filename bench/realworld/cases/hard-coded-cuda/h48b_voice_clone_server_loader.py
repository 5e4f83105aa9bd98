# source: https://github.com/SparkAudio/Spark-TTS/issues/87
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper, class
# bug-lines: 47
# needs: torch, torchaudio, soundfile
# cpu: no written where torch was not installed; not run
import argparse
import logging
import os
from datetime import datetime

import soundfile as sf
import torch
import torchaudio


class VoiceCloneTTS:
    """Text encoder + acoustic LM + codec decoder exported as TorchScript modules."""

    def __init__(self, model_dir, device):
        self.device = device
        self.text_encoder = torch.jit.load(os.path.join(model_dir, "text_encoder.pt"), map_location="cpu")
        self.acoustic_lm = torch.jit.load(os.path.join(model_dir, "acoustic_lm.pt"), map_location="cpu")
        self.codec = torch.jit.load(os.path.join(model_dir, "codec_decoder.pt"), map_location="cpu")
        for module in (self.text_encoder, self.acoustic_lm, self.codec):
            module.to(self.device).eval()
        self.sample_rate = 16000

    def load_prompt(self, wav_path):
        wav, sr = torchaudio.load(wav_path)
        if sr != self.sample_rate:
            wav = torchaudio.functional.resample(wav, sr, self.sample_rate)
        return wav.mean(dim=0, keepdim=True).to(self.device)

    @torch.no_grad()
    def inference(self, text_ids, prompt_wav_path):
        prompt = self.load_prompt(prompt_wav_path)
        tokens = torch.tensor([text_ids], dtype=torch.long, device=self.device)
        text_hidden = self.text_encoder(tokens)
        codes = self.acoustic_lm(text_hidden, prompt)
        return self.codec(codes).squeeze().cpu().numpy()


def initialize_model(model_dir="pretrained_models/voiceclone-0.5B", device=0):
    """Load the model once at the beginning."""
    device = torch.device(f"cuda:{device}")
    logging.info(f"Loading model from {model_dir} on {device}")
    return VoiceCloneTTS(model_dir, device)


def run_tts(model, text_ids, prompt_wav, save_dir="example/results"):
    os.makedirs(save_dir, exist_ok=True)
    save_path = os.path.join(save_dir, datetime.now().strftime("%Y%m%d%H%M%S") + ".wav")
    wav = model.inference(text_ids, prompt_wav)
    sf.write(save_path, wav, samplerate=model.sample_rate)
    return save_path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Voice cloning server")
    parser.add_argument("--model_dir", default="pretrained_models/voiceclone-0.5B")
    parser.add_argument("--device", default=0, help="GPU id, or 'cpu' for CPU-only mode")
    parser.add_argument("--prompt", default="example/prompt.wav")
    args = parser.parse_args()

    model = initialize_model(args.model_dir, device=args.device)
    print(run_tts(model, [12, 45, 7, 301, 88, 2], args.prompt))
