# source: https://github.com/StanfordASL/Trajectron/issues/1
# error: RuntimeError: Expected a Tensor of type torch.FloatTensor but found a type torch.cuda.FloatTensor for sequence element 1 in sequence argument at position #1 'tensors'
# pattern: legacy-type-cast
# shape: batch-dict, class, helper
# bug-lines: 45
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn

STATE_DIM, PRED_DIM, HIST_LEN = 6, 2, 8


class OnlineNodeModel(nn.Module):
    """Encodes one pedestrian's history and conditions on the ego-robot's planned future."""

    def __init__(self, hidden=64, horizon=12):
        super().__init__()
        self.horizon = horizon
        self.node_history_encoder = nn.LSTM(STATE_DIM, hidden, batch_first=True)
        self.robot_future_encoder = nn.LSTM(STATE_DIM + PRED_DIM, hidden, batch_first=True)
        self.decoder = nn.GRUCell(2 * hidden + PRED_DIM, hidden)
        self.project = nn.Linear(hidden, PRED_DIM)

    def last_prediction(self, history):
        # constant-velocity guess of the node's present velocity, kept on the model device
        return history[:, -1, 2:4]

    def obtain_encoded_tensor_dict(self, TD, robot):
        _, (h_hist, _) = self.node_history_encoder(TD["history"])
        TD["history_enc"] = h_hist[-1]
        our_prediction_present = self.last_prediction(TD["history"])
        TD["joint_present_orig"] = torch.cat([TD[robot + "_orig"], our_prediction_present], dim=1)
        robot_seq = torch.cat([TD[robot + "_future"], TD["joint_present_orig"][:, None].expand(-1, self.horizon, -1)[..., -PRED_DIM:]], dim=-1)
        _, (h_robot, _) = self.robot_future_encoder(robot_seq)
        TD["robot_future_enc"] = h_robot[-1]
        return TD


def build_tensor_dict(scene, node_id, robot, device):
    TD = {}
    hist = np.asarray(scene["nodes"][node_id][-HIST_LEN:], dtype=np.float32)
    TD["history"] = torch.from_numpy(hist)[None].to(device)
    TD[robot + "_orig"] = torch.from_numpy(np.asarray(scene["robot_present"], dtype=np.float32)[None]).type(torch.FloatTensor)
    TD[robot + "_future"] = torch.from_numpy(np.asarray(scene["robot_plan"], dtype=np.float32))[None].to(device)
    return TD


def predict_online(model, scene, device, robot="ROBOT"):
    model.eval()
    preds = {}
    with torch.no_grad():
        for node_id in scene["nodes"]:
            TD = model.obtain_encoded_tensor_dict(build_tensor_dict(scene, node_id, robot, device), robot)
            h = torch.zeros(1, model.decoder.hidden_size, device=device)
            x = TD["history"][:, -1, 2:4]
            steps = []
            for _ in range(model.horizon):
                h = model.decoder(torch.cat([TD["history_enc"], TD["robot_future_enc"], x], dim=-1), h)
                x = model.project(h)
                steps.append(x)
            preds[node_id] = torch.stack(steps, 1).cpu().numpy()
    return preds


if __name__ == "__main__":
    device = torch.device("cuda")
    model = OnlineNodeModel().to(device)
    scene = {"nodes": {f"ped/{i}": np.random.randn(20, STATE_DIM) for i in range(5)},
             "robot_present": np.random.randn(STATE_DIM), "robot_plan": np.random.randn(12, STATE_DIM)}
    print({k: v.shape for k, v in predict_online(model, scene, device).items()})
