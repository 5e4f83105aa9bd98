# source: https://github.com/songyouwei/ABSA-PyTorch/issues/63
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument tensors in method wrapper_CUDA_cat)
# pattern: legacy-type-cast
# shape: class, batch-dict
# bug-lines: 43
# needs: torch
# cpu: no written where torch was not installed; not run
"""Recurrent attention on memory (RAM) for aspect-based sentiment classification."""
import torch
import torch.nn as nn


class RAM(nn.Module):
    def __init__(self, embedding_matrix, opt):
        super().__init__()
        self.opt = opt
        self.embed = nn.Embedding.from_pretrained(torch.tensor(embedding_matrix, dtype=torch.float))
        self.bi_lstm = nn.LSTM(opt.embed_dim, opt.hidden_dim, batch_first=True, bidirectional=True)
        self.att_linear = nn.Linear(opt.hidden_dim * 2 + 1 + opt.embed_dim * 2, 1)
        self.gru_cell = nn.GRUCell(opt.hidden_dim * 2 + 1, opt.embed_dim)
        self.dense = nn.Linear(opt.embed_dim, opt.polarities_dim)

    def locationed_memory(self, memory, memory_len, left_len, aspect_len):
        batch_size, seq_len = memory.shape[0], memory.shape[1]
        memory_len, left_len, aspect_len = (t.cpu().numpy() for t in (memory_len, left_len, aspect_len))
        weight, u = [[] for _ in range(batch_size)], [[] for _ in range(batch_size)]
        for i in range(batch_size):
            for idx in range(left_len[i]):
                weight[i].append(1 - (left_len[i] - idx) / memory_len[i])
                u[i].append(idx - left_len[i])
            for idx in range(left_len[i], left_len[i] + aspect_len[i]):
                weight[i].append(1)
                u[i].append(0)
            for idx in range(left_len[i] + aspect_len[i], memory_len[i]):
                weight[i].append(1 - (idx - left_len[i] - aspect_len[i] + 1) / memory_len[i])
                u[i].append(idx - left_len[i] - aspect_len[i] + 1)
            for idx in range(memory_len[i], seq_len):
                weight[i].append(1)
                u[i].append(0)
        u = torch.tensor(u).unsqueeze(2)
        weight = torch.tensor(weight, dtype=torch.float).to(self.opt.device).unsqueeze(2)
        v = memory * weight
        u = u.type(torch.FloatTensor)
        return torch.cat([v, u], dim=2)

    def forward(self, batch):
        text_raw_indices, aspect_indices, text_left_indices = batch
        left_len = torch.sum(text_left_indices != 0, dim=-1)
        memory_len = torch.sum(text_raw_indices != 0, dim=-1)
        aspect_len = torch.sum(aspect_indices != 0, dim=-1)
        nonzeros_aspect = aspect_len.float()

        memory, _ = self.bi_lstm(self.embed(text_raw_indices))
        memory = self.locationed_memory(memory, memory_len, left_len, aspect_len)
        aspect = torch.sum(self.embed(aspect_indices), dim=1) / nonzeros_aspect.unsqueeze(-1)
        et = torch.zeros_like(aspect)

        batch_size, seq_len = memory.size(0), memory.size(1)
        for _ in range(self.opt.hops):
            g = self.att_linear(torch.cat([memory,
                                           torch.zeros(batch_size, seq_len, self.opt.embed_dim,
                                                       device=memory.device) + et.unsqueeze(1),
                                           torch.zeros(batch_size, seq_len, self.opt.embed_dim,
                                                       device=memory.device) + aspect.unsqueeze(1)],
                                          dim=-1))
            alpha = torch.softmax(g, dim=1)
            i = torch.bmm(alpha.transpose(1, 2), memory).squeeze(1)
            et = self.gru_cell(i, et)
        return self.dense(et)


def train_step(model, optimizer, criterion, sample_batched, opt):
    inputs = [sample_batched[col].to(opt.device) for col in opt.inputs_cols]
    targets = sample_batched["polarity"].to(opt.device)
    optimizer.zero_grad()
    loss = criterion(model(inputs), targets)
    loss.backward()
    optimizer.step()
    return loss.item()
