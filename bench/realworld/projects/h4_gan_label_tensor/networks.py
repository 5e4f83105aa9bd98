# source: https://github.com/junyanz/pytorch-CycleGAN-and-pix2pix/issues/22
# error: RuntimeError: Assertion `THCTensor_(checkGPU)(...)' failed. Some of weight/gradient/input tensors are located on different GPUs
# pattern: legacy-tensor-constructor
# shape: multi-file, class
# bug-lines: 31, 36, 42
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class GANLoss(nn.Module):
    def __init__(self, use_lsgan=True, target_real_label=1.0, target_fake_label=0.0,
                 tensor=torch.FloatTensor):
        super().__init__()
        self.real_label = target_real_label
        self.fake_label = target_fake_label
        self.real_label_var = None
        self.fake_label_var = None
        self.Tensor = tensor
        if use_lsgan:
            self.loss = nn.MSELoss()
        else:
            self.loss = nn.BCEWithLogitsLoss()

    def get_target_tensor(self, input, target_is_real):
        if target_is_real:
            create_label = (self.real_label_var is None
                            or self.real_label_var.numel() != input.numel())
            if create_label:
                real_tensor = self.Tensor(input.size()).fill_(self.real_label)
                self.real_label_var = real_tensor.requires_grad_(False)
            return self.real_label_var
        create_label = self.fake_label_var is None or self.fake_label_var.numel() != input.numel()
        if create_label:
            fake_tensor = self.Tensor(input.size()).fill_(self.fake_label)
            self.fake_label_var = fake_tensor.requires_grad_(False)
        return self.fake_label_var

    def __call__(self, input, target_is_real):
        target_tensor = self.get_target_tensor(input, target_is_real)
        return self.loss(input, target_tensor)


def _place(net, gpu_ids):
    if len(gpu_ids) > 0:
        assert torch.cuda.is_available()
        net.cuda(gpu_ids[0])
    return net


def define_G(input_nc, output_nc, ngf=32, gpu_ids=()):
    net = nn.Sequential(
        nn.Conv2d(input_nc, ngf, 3, padding=1), nn.ReLU(True),
        nn.Conv2d(ngf, output_nc, 3, padding=1), nn.Tanh(),
    )
    return _place(net, gpu_ids)


def define_D(input_nc, ndf=32, gpu_ids=()):
    net = nn.Sequential(
        nn.Conv2d(input_nc, ndf, 4, stride=2, padding=1), nn.LeakyReLU(0.2, True),
        nn.Conv2d(ndf, 1, 4, stride=1, padding=1),
    )
    return _place(net, gpu_ids)
