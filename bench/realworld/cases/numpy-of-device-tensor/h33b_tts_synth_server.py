# source: https://github.com/coqui-ai/TTS/pull/742
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, batch-dict, helper
# bug-lines: 57
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn


class TinyAcoustic(nn.Module):
    def __init__(self, vocab=64, n_mels=80):
        super().__init__()
        self.emb = nn.Embedding(vocab, 256)
        self.rnn = nn.GRU(256, 256, batch_first=True)
        self.mel = nn.Linear(256, n_mels)

    def forward(self, tokens):
        h, _ = self.rnn(self.emb(tokens))
        return self.mel(h)


def text_to_ids(text, vocab=64):
    return [ord(c) % vocab for c in text.lower()]


def run_acoustic(model, ids, device):
    tokens = torch.tensor([ids], dtype=torch.long, device=device)
    with torch.no_grad():
        mel = model(tokens)
    return {"outputs": {"model_outputs": mel, "alignments": None}, "text_len": len(ids)}


class Synthesizer:
    def __init__(self, acoustic, vocoder, use_cuda=True, mel_mean=0.0, mel_std=1.0):
        self.device = torch.device("cuda" if use_cuda and torch.cuda.is_available() else "cpu")
        self.acoustic = acoustic.to(self.device).eval()
        self.vocoder = vocoder.to(self.device).eval()
        self.mel_mean = mel_mean
        self.mel_std = mel_std

    def denormalize(self, mel):
        return mel * self.mel_std + self.mel_mean

    def vocode(self, mel_np):
        voc_in = torch.tensor(mel_np.T, dtype=torch.float32).unsqueeze(0).to(self.device)
        with torch.no_grad():
            wav = self.vocoder(voc_in)
        return wav.squeeze().cpu().numpy()

    def tts(self, text):
        wavs = []
        for sentence in [s for s in text.split(".") if s.strip()]:
            outputs = run_acoustic(self.acoustic, text_to_ids(sentence), self.device)
            mel = outputs["outputs"]["model_outputs"][0].detach().numpy()
            mel = self.denormalize(mel)
            wavs.append(self.vocode(mel))
            wavs.append(np.zeros(2205, dtype=np.float32))
        return np.concatenate(wavs)


if __name__ == "__main__":
    vocoder = nn.Sequential(nn.Conv1d(80, 256, 7, padding=3), nn.Tanh(), nn.Conv1d(256, 1, 7, padding=3))
    synth = Synthesizer(TinyAcoustic(), vocoder, use_cuda=True)
    audio = synth.tts("Hello there. This is a quick test of the server.")
    print("samples:", audio.shape)
