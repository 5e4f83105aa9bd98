# source: https://github.com/fatchord/WaveRNN/pull/107
# error: RuntimeError: Input and hidden tensors are not at the same device, found input tensor at cuda:0 and hidden tensor at cpu
# pattern: cache-builder-cpu-default
# shape: class, helper
# looks-like: cache-builder-cpu-default
# needs: torch, numpy, soundfile
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import soundfile as sf
import torch
import torch.nn as nn
import torch.nn.functional as F


class WaveRNN(nn.Module):
    def __init__(self, rnn_dims=512, fc_dims=512, bits=9, feat_dims=80, hop_length=275):
        super().__init__()
        self.rnn_dims, self.bits = rnn_dims, bits
        self.upsample = nn.Sequential(nn.Conv1d(feat_dims, feat_dims, 5, padding=2),
                                      nn.Upsample(scale_factor=hop_length))
        self.I = nn.Linear(feat_dims + 1, rnn_dims)
        self.rnn1 = nn.GRU(rnn_dims, rnn_dims, batch_first=True)
        self.rnn2 = nn.GRU(rnn_dims, rnn_dims, batch_first=True)
        self.fc1 = nn.Linear(rnn_dims, fc_dims)
        self.fc2 = nn.Linear(fc_dims, 2 ** bits)

    def get_initial_hidden(self, batch_size):
        device = next(self.parameters()).device
        h1 = torch.zeros(1, batch_size, self.rnn_dims, device=device)
        h2 = torch.zeros(1, batch_size, self.rnn_dims, device=device)
        return h1, h2

    def forward(self, x, mels):
        h1, h2 = self.get_initial_hidden(x.size(0))
        mels = self.upsample(mels).transpose(1, 2)[:, :x.size(1)]
        x = self.I(torch.cat([x.unsqueeze(-1), mels], dim=2))
        x = self.rnn1(x, h1)[0] + x
        x = self.rnn2(x, h2)[0] + x
        return self.fc2(F.relu(self.fc1(x)))

    @torch.no_grad()
    def generate(self, mels):
        mels = self.upsample(mels).transpose(1, 2)
        batch, steps, _ = mels.shape
        h1, h2 = self.get_initial_hidden(batch)
        x = mels.new_zeros(batch, 1)
        output = []
        for t in range(steps):
            inp = self.I(torch.cat([x, mels[:, t]], dim=1)).unsqueeze(1)
            out1, h1 = self.rnn1(inp, h1)
            y = out1 + inp
            out2, h2 = self.rnn2(y, h2)
            y = out2 + y
            logits = self.fc2(F.relu(self.fc1(y.squeeze(1))))
            sample = torch.distributions.Categorical(logits=logits).sample().float()
            x = (2 * sample / (2 ** self.bits - 1) - 1).unsqueeze(-1)
            output.append(x)
        return torch.cat(output, dim=1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--mel", default="quick_start/sentence.npy")
    parser.add_argument("--weights", default="pretrained/wavernn.pt")
    parser.add_argument("--force_cpu", action="store_true")
    args = parser.parse_args()

    device = torch.device("cpu" if args.force_cpu or not torch.cuda.is_available() else "cuda")
    print(f"Using device: {device}")
    model = WaveRNN().to(device)
    model.load_state_dict(torch.load(args.weights, map_location=device))
    mels = torch.from_numpy(np.load(args.mel)).float().unsqueeze(0).to(device)
    wav = model.generate(mels)[0].cpu().numpy()
    sf.write("generated.wav", wav, 22050)
