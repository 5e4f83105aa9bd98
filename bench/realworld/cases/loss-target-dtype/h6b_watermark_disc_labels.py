# source: https://github.com/ando-khachatryan/HiDDeN/issues/28
# error: RuntimeError: result type Float can't be cast to the desired output type Long
# pattern: loss-target-dtype
# shape: class, batch-dict
# bug-lines: 56, 57, 58
# needs: torch
# cpu: no written where torch was not installed; not run
"""Encoder/decoder image watermarking with an adversarial critic (one training step)."""
import torch
import torch.nn as nn


def conv_bn_relu(c_in, c_out):
    return nn.Sequential(nn.Conv2d(c_in, c_out, 3, padding=1), nn.BatchNorm2d(c_out), nn.ReLU(True))


class MessageEncoder(nn.Module):
    def __init__(self, msg_len=30, ch=64):
        super().__init__()
        self.features = nn.Sequential(conv_bn_relu(3, ch), conv_bn_relu(ch, ch))
        self.merge = conv_bn_relu(ch + 3 + msg_len, ch)
        self.out = nn.Conv2d(ch, 3, 1)

    def forward(self, image, message):
        m = message[:, :, None, None].expand(-1, -1, image.shape[2], image.shape[3])
        h = self.merge(torch.cat([self.features(image), image, m], dim=1))
        return self.out(h)


def make_decoder(msg_len=30, ch=64):
    return nn.Sequential(conv_bn_relu(3, ch), conv_bn_relu(ch, ch), conv_bn_relu(ch, msg_len),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(msg_len, msg_len))


def make_critic(ch=64):
    return nn.Sequential(conv_bn_relu(3, ch), conv_bn_relu(ch, ch), nn.AdaptiveAvgPool2d(1),
                         nn.Flatten(), nn.Linear(ch, 1))


class WatermarkTrainer:
    def __init__(self, device, msg_len=30, adv_weight=1e-3):
        self.device = device
        self.encoder = MessageEncoder(msg_len).to(device)
        self.decoder = make_decoder(msg_len).to(device)
        self.critic = make_critic().to(device)
        self.opt_enc_dec = torch.optim.Adam(list(self.encoder.parameters()) + list(self.decoder.parameters()))
        self.opt_critic = torch.optim.Adam(self.critic.parameters())
        self.bce_with_logits = nn.BCEWithLogitsLoss()
        self.mse = nn.MSELoss()
        self.cover_label, self.encoded_label = 1, 0
        self.adv_weight = adv_weight

    def train_on_batch(self, batch):
        images, messages = batch["image"].to(self.device), batch["message"].to(self.device)
        n = images.shape[0]
        d_target_cover = torch.full((n, 1), self.cover_label, device=self.device)
        d_target_encoded = torch.full((n, 1), self.encoded_label, device=self.device)
        g_target_encoded = torch.full((n, 1), self.cover_label, device=self.device)

        self.opt_critic.zero_grad()
        encoded = self.encoder(images, messages)
        d_loss_cover = self.bce_with_logits(self.critic(images), d_target_cover)
        d_loss_encoded = self.bce_with_logits(self.critic(encoded.detach()), d_target_encoded)
        (d_loss_cover + d_loss_encoded).backward()
        self.opt_critic.step()

        self.opt_enc_dec.zero_grad()
        decoded = self.decoder(encoded)
        g_loss_adv = self.bce_with_logits(self.critic(encoded), g_target_encoded)
        g_loss = self.adv_weight * g_loss_adv + 0.7 * self.mse(encoded, images) + self.mse(decoded, messages)
        g_loss.backward()
        self.opt_enc_dec.step()
        return {"d_loss": (d_loss_cover + d_loss_encoded).item(), "g_loss": g_loss.item()}
