# source: https://github.com/PaddlePaddle/PARL/issues/324
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, multi-file, helper
# needs: torch, numpy, gym
# cpu: no written where torch was not installed; not run
"""CartPole quickstart: collect an episode, compute returns, update the policy."""
import gym
import numpy as np

from agent import CartpoleAgent

GAMMA = 0.99


def run_episode(env, agent):
    obs_list, action_list, reward_list = [], [], []
    obs = env.reset()
    done = False
    while not done:
        obs_list.append(obs)
        action = agent.sample(obs)
        action_list.append(action)
        obs, reward, done, _ = env.step(action)
        reward_list.append(reward)
    return obs_list, action_list, reward_list


def discounted_returns(rewards, gamma=GAMMA):
    out = np.zeros(len(rewards), dtype=np.float32)
    running = 0.0
    for i in reversed(range(len(rewards))):
        running = gamma * running + rewards[i]
        out[i] = running
    out -= out.mean()
    out /= out.std() + 1e-8
    return out


def main():
    env = gym.make("CartPole-v0")
    agent = CartpoleAgent(env.observation_space.shape[0], env.action_space.n, lr=1e-3)
    for episode in range(1000):
        obs_list, action_list, reward_list = run_episode(env, agent)
        returns = discounted_returns(reward_list)
        agent.learn(obs_list, action_list, returns)
        if episode % 50 == 0:
            print(f"episode {episode}  reward {sum(reward_list):.1f}")


if __name__ == "__main__":
    main()
