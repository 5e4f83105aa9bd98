# source: https://github.com/kubeflow/katib/pull/2273
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: multi-file, class
# bug-lines: 30
# needs: torch
# cpu: no written where torch was not installed; not run
import copy

import torch


class Architect:
    """Second-order DARTS update of the architecture weights."""

    def __init__(self, net, w_momentum, w_weight_decay):
        self.net = net
        self.v_net = copy.deepcopy(net)
        self.w_momentum = w_momentum
        self.w_weight_decay = w_weight_decay

    def virtual_step(self, train_x, train_y, xi, w_optim):
        # one SGD step on a copy of the network: w' = w - xi * dL_train/dw
        loss = self.net.loss(train_x, train_y)
        gradients = torch.autograd.grad(loss, list(self.net.weights()))
        with torch.no_grad():
            for w, vw, g in zip(self.net.weights(), self.v_net.weights(), gradients):
                m = w_optim.state[w].get("momentum_buffer", None)
                m = m * self.w_momentum if m is not None else 0.0
                vw.copy_(w - torch.FloatTensor(xi) * (m + g + self.w_weight_decay * w))
            for a, va in zip(self.net.alphas(), self.v_net.alphas()):
                va.copy_(a)

    def unrolled_backward(self, train_x, train_y, valid_x, valid_y, xi, w_optim):
        self.virtual_step(train_x, train_y, xi, w_optim)
        loss = self.v_net.loss(valid_x, valid_y)
        v_alphas = tuple(self.v_net.alphas())
        v_weights = tuple(self.v_net.weights())
        v_grads = torch.autograd.grad(loss, v_alphas + v_weights)
        d_alpha, dw = v_grads[: len(v_alphas)], v_grads[len(v_alphas):]
        hessian = self.compute_hessian(dw, train_x, train_y)
        with torch.no_grad():
            for alpha, da, h in zip(self.net.alphas(), d_alpha, hessian):
                alpha.grad = da - xi[0] * h

    def compute_hessian(self, dw, train_x, train_y):
        norm = torch.cat([w.view(-1) for w in dw]).norm()
        eps = 0.01 / norm
        with torch.no_grad():
            for p, d in zip(self.net.weights(), dw):
                p += eps * d
        d_alpha_pos = torch.autograd.grad(self.net.loss(train_x, train_y), self.net.alphas())
        with torch.no_grad():
            for p, d in zip(self.net.weights(), dw):
                p -= 2.0 * eps * d
        d_alpha_neg = torch.autograd.grad(self.net.loss(train_x, train_y), self.net.alphas())
        with torch.no_grad():
            for p, d in zip(self.net.weights(), dw):
                p += eps * d
        return [(p - n) / (2.0 * eps) for p, n in zip(d_alpha_pos, d_alpha_neg)]
