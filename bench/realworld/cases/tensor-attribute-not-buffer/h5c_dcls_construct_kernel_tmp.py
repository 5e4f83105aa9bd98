# source: https://github.com/K-H-Ismail/Dilated-Convolution-with-Learnable-Spacings-PyTorch/pull/8
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, helper
# bug-lines: 23, 24
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class ConstructKernel2d(nn.Module):
    def __init__(self, out_channels, in_channels, kernel_count, dilated_kernel_size):
        super().__init__()
        self.out_channels = out_channels
        self.in_channels = in_channels
        self.kernel_count = kernel_count
        self.dilated_kernel_size = dilated_kernel_size
        self.__init_tmp_variables__()

    def __init_tmp_variables__(self):
        lim = torch.tensor(self.dilated_kernel_size)
        self.lim = lim.view(2, 1, 1, 1)
        self.IDX = torch.stack(torch.meshgrid(torch.arange(self.dilated_kernel_size[0]),
                                              torch.arange(self.dilated_kernel_size[1]),
                                              indexing="ij"))[:, None, None, None]

    def forward_vgauss(self, W, P, SIG):
        P = P + self.lim // 2
        X = self.IDX - P.unsqueeze(-1).unsqueeze(-1)
        X = torch.exp(-0.5 * (X / SIG.unsqueeze(-1).unsqueeze(-1)) ** 2).prod(0)
        X = X / (X.sum((-2, -1), keepdim=True) + 1e-7)
        return (W.unsqueeze(-1).unsqueeze(-1) * X).sum(2)


class Dcls2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_count=9, dilated_kernel_size=(7, 7)):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(out_channels, in_channels, kernel_count) * 0.1)
        self.P = nn.Parameter(torch.randn(2, out_channels, in_channels, kernel_count))
        self.SIG = nn.Parameter(torch.ones(2, out_channels, in_channels, kernel_count) * 0.5)
        self.kernel = ConstructKernel2d(out_channels, in_channels, kernel_count, dilated_kernel_size)
        self.padding = dilated_kernel_size[0] // 2

    def forward(self, x):
        k = self.kernel.forward_vgauss(self.weight, self.P, self.SIG)
        return nn.functional.conv2d(x, k, padding=self.padding)


if __name__ == "__main__":
    layer = Dcls2d(8, 16).cuda()
    out = layer(torch.randn(2, 8, 32, 32, device="cuda"))
    print(out.shape)
