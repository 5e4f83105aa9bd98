# source: https://github.com/marco-rudolph/AST/issues/4
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, helper, class
# bug-lines: 26, 78
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Teacher (conditional coupling flow stand-in) and student networks."""
import numpy as np
import torch
from torch import nn

import config as c


def positionalencoding2d(D, H, W):
    P = torch.zeros(D, H, W)
    D = D // 2
    div_term = torch.exp(torch.arange(0.0, D, 2) * -(np.log(1e4) / D))
    pos_w = torch.arange(0.0, W).unsqueeze(1)
    pos_h = torch.arange(0.0, H).unsqueeze(1)
    P[0:D:2] = torch.sin(pos_w * div_term).T.unsqueeze(1).repeat(1, H, 1)
    P[1:D:2] = torch.cos(pos_w * div_term).T.unsqueeze(1).repeat(1, H, 1)
    P[D::2] = torch.sin(pos_h * div_term).T.unsqueeze(2).repeat(1, 1, W)
    P[D + 1::2] = torch.cos(pos_h * div_term).T.unsqueeze(2).repeat(1, 1, W)
    return P.cuda()[None]


def res_block(ch):
    return nn.Sequential(nn.Conv2d(ch, ch, 3, padding=1), nn.BatchNorm2d(ch), nn.LeakyReLU(),
                         nn.Conv2d(ch, ch, 3, padding=1), nn.BatchNorm2d(ch), nn.LeakyReLU())


class Student(nn.Module):
    def __init__(self, hidden=c.channels_hidden_student, n_blocks=c.n_st_blocks):
        super().__init__()
        self.conv1 = nn.Conv2d(c.n_feat + c.pos_enc_dim, hidden, 3, padding=1)
        self.res = nn.ModuleList(res_block(hidden) for _ in range(n_blocks))
        self.conv2 = nn.Conv2d(hidden, c.n_feat, 3, padding=1)

    def forward(self, cond, feat):
        x = torch.relu(self.conv1(torch.cat([cond, feat], dim=1)))
        for block in self.res:
            x = x + block(x)
        return self.conv2(x)


class TeacherFlow(nn.Module):
    def __init__(self, hidden=c.channels_hidden_teacher, n_blocks=c.n_coupling_blocks):
        super().__init__()
        half = c.n_feat // 2
        self.nets = nn.ModuleList(
            nn.Sequential(nn.Conv2d(half + c.pos_enc_dim, hidden, 3, padding=1), nn.ReLU(),
                          nn.Conv2d(hidden, 2 * half, 3, padding=1)) for _ in range(n_blocks))

    def forward(self, cond, feat):
        a, b = feat.chunk(2, dim=1)
        for net in self.nets:
            s, t = net(torch.cat([a, cond], dim=1)).chunk(2, dim=1)
            a, b = b * torch.exp(torch.tanh(s)) + t, a
        return torch.cat([a, b], dim=1)


class Model(nn.Module):
    def __init__(self, nf=True):
        super().__init__()
        self.net = TeacherFlow() if nf else Student()
        self.register_buffer("pos_enc", positionalencoding2d(c.pos_enc_dim, c.map_len, c.map_len))

    def forward(self, feat):
        return self.net(self.pos_enc.tile(feat.shape[0], 1, 1, 1), feat)


def load_weights(model, suffix):
    path = f"models/{c.modelname}_{c.class_name}_{suffix}.pth"
    model.net.load_state_dict(torch.load(path, map_location="cpu"))
    model.eval()
    model.cuda()
    return model
