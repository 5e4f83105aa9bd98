# source: https://github.com/HGU-DLLAB/Korean-FastSpeech2-Pytorch/issues/14
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# looks-like: torch-load-map-location
# cpu: clean
# needs: torch
import os
import tempfile

import torch
import torch.nn as nn


class Vocoder(nn.Module):
    def __init__(self, n_mels=80):
        super().__init__()
        self.up = nn.ConvTranspose1d(n_mels, 32, 4, stride=4)
        self.out = nn.Conv1d(32, 1, 7, padding=3)

    def forward(self, mel):
        return torch.tanh(self.out(torch.relu(self.up(mel))))


def read_checkpoint(path, device):
    return torch.load(path, map_location=device)


class Synthesizer:
    def __init__(self, vocoder_path, use_cuda=True):
        self.device = torch.device("cuda" if use_cuda and torch.cuda.is_available() else "cpu")
        self.vocoder = self.get_vocoder(vocoder_path)

    def get_vocoder(self, path):
        ckpt = read_checkpoint(path, self.device)
        model = Vocoder()
        model.load_state_dict(ckpt["model_g"])
        return model.to(self.device).eval()

    def load_extra(self, path):
        loc = self.device
        return torch.load(path, map_location=lambda storage, _: storage.to(loc) if loc.type == "cuda" else storage)

    @torch.no_grad()
    def synthesize(self, mel):
        return self.vocoder(mel.to(self.device)).squeeze(1).cpu()


if __name__ == "__main__":
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "vocgan.pt")
    torch.save({"model_g": Vocoder().state_dict()}, path)
    torch.save({"speaker_emb": torch.randn(4, 16)}, os.path.join(tmp, "spk.pt"))
    synth = Synthesizer(path)
    spk = synth.load_extra(os.path.join(tmp, "spk.pt"))
    print(spk["speaker_emb"].shape, synth.synthesize(torch.randn(1, 80, 20)).shape)
