# source: https://github.com/kyutai-labs/pocket-tts/pull/49
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument tensors in method wrapper_CUDA_cat)
# pattern: cache-builder-cpu-default
# shape: class, helper, loader-loop
# bug-lines: 24, 26, 50
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""Live audio captioning: a causal conv encoder consumes 100 ms chunks and
keeps a left-context state per layer so chunks can be processed one by one."""
import torch
import torch.nn as nn
import torchaudio

CHUNK = 1600  # 100 ms at 16 kHz


class StreamingConv1d(nn.Module):
    def __init__(self, cin, cout, kernel, stride=1):
        super().__init__()
        self.conv = nn.Conv1d(cin, cout, kernel, stride)
        self.context = kernel - stride
        self.act = nn.GELU()

    def init_state(self, batch_size, device="cpu"):
        # left context carried between chunks
        return torch.zeros(batch_size, self.conv.in_channels, self.context, device=device)

    def forward(self, x, state):
        x = torch.cat([state, x], dim=-1)
        new_state = x[..., x.shape[-1] - self.context:]
        return self.act(self.conv(x)), new_state


class StreamingEncoder(nn.Module):
    def __init__(self, dims=(1, 64, 128, 256), kernels=(10, 8, 4), strides=(5, 4, 2)):
        super().__init__()
        self.layers = nn.ModuleList(
            StreamingConv1d(dims[i], dims[i + 1], kernels[i], strides[i]) for i in range(len(kernels))
        )

    def forward(self, chunk, states):
        new_states = []
        x = chunk
        for layer, st in zip(self.layers, states):
            x, st = layer(x, st)
            new_states.append(st)
        return x, new_states

    def init_states(self, batch_size):
        return [layer.init_state(batch_size) for layer in self.layers]


class LiveCaptioner:
    def __init__(self, encoder, caption_head, device):
        self.device = device
        self.encoder = encoder.to(device).eval()
        self.head = caption_head.to(device).eval()
        self.states = self.encoder.init_states(1)

    @torch.no_grad()
    def push(self, pcm_chunk):
        x = pcm_chunk.to(self.device).view(1, 1, -1)
        feats, self.states = self.encoder(x, self.states)
        return self.head(feats.mean(dim=-1)).argmax(dim=-1).item()


def caption_file(path, captioner, vocab):
    wav, sr = torchaudio.load(path)
    wav = torchaudio.functional.resample(wav.mean(0), sr, 16000)
    tokens = [captioner.push(wav[i:i + CHUNK]) for i in range(0, wav.numel() - CHUNK + 1, CHUNK)]
    return " ".join(vocab[t] for t in tokens if t != 0)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    vocab = ["<blank>", "speech", "music", "dog", "engine", "rain", "applause"]
    captioner = LiveCaptioner(StreamingEncoder(), nn.Linear(256, len(vocab)), device)
    print(caption_file("example.wav", captioner, vocab))
