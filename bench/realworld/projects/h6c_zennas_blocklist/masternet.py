# source: https://github.com/Adlik/zen_nas/issues/7
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F

from plainnet import PlainNet


class MasterNet(PlainNet):
    """PlainNet backbone + global pooling + linear classifier, searched by Zen-NAS."""

    def __init__(self, plainnet_struct, num_classes=1000, no_BN=False, dropout=None):
        super().__init__(plainnet_struct, num_classes=num_classes)
        self.no_BN = no_BN
        self.dropout = dropout
        self.fc_linear = nn.Linear(self.last_channels, num_classes, bias=True)

    def forward_pre_GAP(self, x):
        for block in self.block_list:
            x = block(x)
        return x

    def forward(self, x):
        output = self.forward_pre_GAP(x)
        output = F.adaptive_avg_pool2d(output, 1).flatten(1)
        if self.dropout is not None:
            output = F.dropout(output, self.dropout, self.training)
        return self.fc_linear(output)

    def get_num_layers(self):
        return sum(1 for m in self.modules() if isinstance(m, nn.Conv2d))

    @torch.no_grad()
    def init_parameters(self):
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.xavier_normal_(m.weight)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
