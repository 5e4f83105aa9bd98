# source: https://github.com/NVIDIA-NeMo/Speech/pull/7444
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: hard-coded-cuda
# shape: multi-file, class, batch-dict
# looks-like: hard-coded-cuda
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class Prenet(nn.Module):
    def __init__(self, in_dim, sizes=(256, 256)):
        super().__init__()
        dims = [in_dim] + list(sizes)
        self.layers = nn.ModuleList(nn.Linear(a, b, bias=False) for a, b in zip(dims[:-1], dims[1:]))

    def forward(self, x):
        for linear in self.layers:
            x = F.dropout(F.relu(linear(x)), p=0.5, training=True)
        return x


class Attention(nn.Module):
    def __init__(self, rnn_dim, enc_dim, attn_dim=128):
        super().__init__()
        self.query = nn.Linear(rnn_dim, attn_dim, bias=False)
        self.memory = nn.Linear(enc_dim, attn_dim, bias=False)
        self.v = nn.Linear(attn_dim, 1, bias=False)

    def forward(self, query, memory, processed_memory, mask):
        energies = self.v(torch.tanh(self.query(query).unsqueeze(1) + processed_memory)).squeeze(-1)
        weights = F.softmax(energies.masked_fill(~mask, float("-inf")), dim=1)
        return torch.bmm(weights.unsqueeze(1), memory).squeeze(1)


class Decoder(nn.Module):
    def __init__(self, n_mel=80, enc_dim=512, rnn_dim=1024, gate_threshold=0.5, max_steps=1000):
        super().__init__()
        self.n_mel, self.enc_dim, self.rnn_dim = n_mel, enc_dim, rnn_dim
        self.gate_threshold, self.max_steps = gate_threshold, max_steps
        self.prenet = Prenet(n_mel)
        self.attention_rnn = nn.LSTMCell(256 + enc_dim, rnn_dim)
        self.attention = Attention(rnn_dim, enc_dim)
        self.decoder_rnn = nn.LSTMCell(rnn_dim + enc_dim, rnn_dim)
        self.proj = nn.Linear(rnn_dim + enc_dim, n_mel)
        self.gate = nn.Linear(rnn_dim + enc_dim, 1)

    def get_go_frame(self, memory):
        return memory.new_zeros(memory.size(0), self.n_mel)

    def initialize_decoder_states(self, memory):
        batch, device = memory.size(0), memory.device
        zeros = lambda dim: torch.zeros(batch, dim, dtype=memory.dtype, device=device)
        return {"att_h": zeros(self.rnn_dim), "att_c": zeros(self.rnn_dim), "dec_h": zeros(self.rnn_dim),
                "dec_c": zeros(self.rnn_dim), "context": zeros(self.enc_dim)}

    def infer(self, memory, memory_lengths):
        mask = torch.arange(memory.size(1), device=memory.device)[None, :] < memory_lengths[:, None]
        processed, state, frame = self.attention.memory(memory), self.initialize_decoder_states(memory), self.get_go_frame(memory)
        mel_lengths = torch.zeros(memory.size(0), dtype=torch.int32, device=memory.device)
        not_finished = torch.ones(memory.size(0), dtype=torch.int32, device=memory.device)
        mels = []
        for _ in range(self.max_steps):
            att_in = torch.cat([self.prenet(frame), state["context"]], dim=-1)
            state["att_h"], state["att_c"] = self.attention_rnn(att_in, (state["att_h"], state["att_c"]))
            state["context"] = self.attention(state["att_h"], memory, processed, mask)
            dec_in = torch.cat([state["att_h"], state["context"]], dim=-1)
            state["dec_h"], state["dec_c"] = self.decoder_rnn(dec_in, (state["dec_h"], state["dec_c"]))
            out = torch.cat([state["dec_h"], state["context"]], dim=-1)
            frame = self.proj(out)
            mels.append(frame)
            finished = (torch.sigmoid(self.gate(out).squeeze(1)) > self.gate_threshold).to(torch.int32)
            not_finished = not_finished * (1 - finished)
            mel_lengths += not_finished
            if not_finished.sum() == 0:
                break
        return torch.stack(mels, dim=2), mel_lengths
