# source: https://github.com/NVIDIA-NeMo/Speech/pull/7444
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: hard-coded-cuda
# shape: multi-file, class, batch-dict
# looks-like: hard-coded-cuda
# needs: torch, soundfile
# cpu: no written where torch was not installed; not run
import argparse

import soundfile as sf
import torch

from tacotron import Tacotron2

SYMBOLS = "_-!'(),.:;? abcdefghijklmnopqrstuvwxyz"


def text_to_ids(text):
    return [SYMBOLS.index(c) for c in text.lower() if c in SYMBOLS]


def load_models(ckpt, vocoder_path, device):
    spec_generator = Tacotron2()
    spec_generator.load_state_dict(torch.load(ckpt, map_location="cpu")["state_dict"])
    spec_generator = spec_generator.to(device).eval()
    vocoder = torch.jit.load(vocoder_path, map_location=device).eval()
    return spec_generator, vocoder


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Tacotron2 + HiFi-GAN synthesis")
    parser.add_argument("text")
    parser.add_argument("--ckpt", default="checkpoints/tacotron2_ljspeech.pt")
    parser.add_argument("--vocoder", default="checkpoints/hifigan_ljspeech.ts")
    parser.add_argument("--device", default="cpu", help="cpu or cuda:N (GPU is optional)")
    args = parser.parse_args()

    device = torch.device(args.device)
    spec_generator, vocoder = load_models(args.ckpt, args.vocoder, device)
    tokens = torch.tensor([text_to_ids(args.text)], dtype=torch.long, device=device)
    with torch.no_grad():
        spectrogram, _ = spec_generator.generate_spectrogram(tokens)
        audio = vocoder(spectrogram)
    sf.write("speech.wav", audio.squeeze().cpu().numpy(), 22050)
