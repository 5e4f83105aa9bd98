# source: https://github.com/SWivid/F5-TTS/pull/213
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: multi-file, class
# looks-like: inputs-not-moved
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torchaudio


class FlowTTS(nn.Module):
    def __init__(self, vocab_size=2546, n_mels=100, dim=512, hop=256, sr=24000):
        super().__init__()
        self.hop = hop
        self.mel = torchaudio.transforms.MelSpectrogram(sr, n_fft=1024, hop_length=hop, n_mels=n_mels)
        self.text_embed = nn.Embedding(vocab_size + 1, dim)
        self.in_proj = nn.Linear(2 * n_mels + dim + 1, dim)
        self.body = nn.TransformerEncoder(nn.TransformerEncoderLayer(dim, 8, batch_first=True), 8)
        self.out_proj = nn.Linear(dim, n_mels)

    def velocity(self, x, cond, text_h, t):
        t_feat = t.expand(x.shape[0], x.shape[1], 1)
        h = self.in_proj(torch.cat([x, cond, text_h, t_feat], dim=-1))
        return self.out_proj(self.body(h))

    @torch.no_grad()
    def sample(self, cond_audio, text_ids, total_frames, steps=32):
        cond = self.mel(cond_audio).clamp_min(1e-5).log().transpose(1, 2)
        cond = nn.functional.pad(cond, (0, 0, 0, total_frames - cond.shape[1]))
        text_ids = nn.functional.pad(text_ids, (0, total_frames - text_ids.shape[1]))
        text_h = self.text_embed(text_ids)
        x = torch.randn_like(cond)
        for i in range(steps):
            t = torch.full((1, 1, 1), i / steps, device=x.device, dtype=x.dtype)
            x = x + self.velocity(x, cond, text_h, t) / steps
        return x
