# source: https://github.com/LiamMaclean216/Pytorch-Transfomer/issues/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: multi-file, top-level
# needs: torch, numpy, matplotlib
# cpu: no written where torch was not installed; not run

# exported from Transformer.ipynb
import matplotlib.pyplot as plt
import numpy as np
import torch

from model import Transformer

enc_seq_len, dec_seq_len, output_sequence_length = 6, 2, 1
dim_val, dim_attn, n_heads, n_encoder_layers = 10, 5, 3, 3
lr, epochs, batch_size = 0.002, 2000, 15


def get_data(batch_size, input_seq_len, output_seq_len):
    i = input_seq_len + output_seq_len
    t = torch.zeros(batch_size, 1).uniform_(0, 20 - i).int()
    b = torch.arange(-10, -10 + i).unsqueeze(0).repeat(batch_size, 1) + t
    s = torch.sigmoid(b.float())
    return s[:, :input_seq_len].unsqueeze(-1), s[:, -output_seq_len:]


model = Transformer(dim_val, dim_attn, 1, dec_seq_len, output_sequence_length, n_encoder_layers, n_heads)
model.cuda()
optimizer = torch.optim.Adam(model.parameters(), lr=lr)

losses = []
for e in range(epochs):
    X, Y = get_data(batch_size, enc_seq_len, output_sequence_length)
    X, Y = X.cuda(), Y.cuda()
    optimizer.zero_grad()
    net_out = model(X)
    loss = torch.mean((net_out - Y) ** 2)
    loss.backward()
    optimizer.step()
    losses.append(loss.item())

plt.plot(np.convolve(losses, np.ones(50) / 50, mode="valid"))
plt.savefig("loss.png")
