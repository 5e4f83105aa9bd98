# source: https://github.com/SWivid/F5-TTS/issues/192
# error: RuntimeError: Input type (c10::Half) and bias type (float) should be the same
# pattern: input-dtype-mismatch
# shape: helper, class
# looks-like: input-dtype-mismatch
# needs: torch, torchaudio, vocos
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
import torchaudio
from vocos import Vocos


class MelGenerator(nn.Module):
    """Tiny text-to-mel stand-in: character embeddings -> 100-bin log-mel frames."""

    def __init__(self, vocab=256, dim=512, n_mels=100, frames_per_char=6):
        super().__init__()
        self.frames_per_char = frames_per_char
        self.embed = nn.Embedding(vocab, dim)
        self.body = nn.TransformerEncoder(nn.TransformerEncoderLayer(dim, 8, batch_first=True), num_layers=4)
        self.to_mel = nn.Linear(dim, n_mels)

    def forward(self, tokens):
        h = self.embed(tokens).repeat_interleave(self.frames_per_char, dim=1)
        return self.to_mel(self.body(h)).transpose(1, 2)


def load_models(ckpt, device, use_fp16):
    model = MelGenerator()
    model.load_state_dict(torch.load(ckpt, map_location="cpu"))
    model = model.to(device).eval()
    if use_fp16:
        model = model.half()
    vocoder = Vocos.from_pretrained("charactr/vocos-mel-24khz").to(device).eval()
    return model, vocoder


@torch.no_grad()
def infer_batch(text, model, vocoder, device):
    tokens = torch.tensor([[min(ord(c), 255) for c in text]], dtype=torch.long, device=device)
    generated_mel_spec = model(tokens)
    voc_dtype = next(vocoder.parameters()).dtype
    generated_wave = vocoder.decode(generated_mel_spec.to(voc_dtype))
    return generated_wave.squeeze(0).float().cpu()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default="ckpts/mel_generator.pt")
    parser.add_argument("--text", default="Some call me nature, others call me mother nature.")
    parser.add_argument("--out", default="out.wav")
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model, vocoder = load_models(args.ckpt, device, use_fp16=device.type == "cuda")
    wave = infer_batch(args.text, model, vocoder, device)
    torchaudio.save(args.out, wave.unsqueeze(0), 24000)
    print("saved", args.out)


if __name__ == "__main__":
    main()
